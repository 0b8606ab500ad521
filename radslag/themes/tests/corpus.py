"""Small Swedish samples on three clear topics, for runs that must find them."""

SCHOOL = [
    "Skolan i Nödinge behöver fler lärare och mindre klasser.",
    "Mina barn trivs inte i skolan, klasserna är för stora och lärarna hinner inte.",
    "Satsa på skolan och lärarna, en bra skola ger en bra framtid.",
    "Fler speciallärare i skolan så att alla elever får stöd.",
    "Skolmaten och skolgården i Älvängen skolan behöver rustas upp för eleverna.",
    "Lärarna i skolan gör ett fantastiskt jobb men klasserna är för stora.",
    "Eleverna behöver lugn och ro i skolan och fler vuxna i klassrummet.",
    "Bygg en ny skola i Nol, den gamla skolan är trång och eleverna får inte plats.",
]
BUS = [
    "Bussarna går för sällan på kvällen från Alafors till Nödinge.",
    "Kollektivtrafiken behöver fler avgångar, bussen är alltid full på morgonen.",
    "Pendeltåget och bussen passar inte ihop, jag missar bytet varje dag.",
    "Billigare busskort för unga och pensionärer i kollektivtrafiken.",
    "Bussen till Skepplanda går bara varannan timme, det räcker inte.",
    "Fler bussar och tåg på helgerna, kollektivtrafiken är för dålig.",
    "Busshållplatsen vid centrum behöver tak och bättre belysning för resenärerna.",
    "Tågen är ofta försenade och bussen väntar inte, kollektivtrafiken måste samordnas.",
]
PARK = [
    "Parken i Surte behöver fler bänkar och blommor.",
    "Rusta upp lekplatsen i parken så att barnen kan leka.",
    "Mer grönska och träd i parkerna, naturen är viktig för oss.",
    "Parkerna ska vara trygga med belysning på kvällen och fler bänkar.",
    "Spara skogen och naturområdena runt Bohus, grönområdena är värdefulla.",
    "En ny park med lekplats och grönska vid älven i Nödinge.",
    "Skötseln av parker och lekplatser måste bli bättre, gräset klipps sällan.",
    "Fler träd och planteringar i parken vid torget.",
]
LATE_SCHOOL = [
    "Skolan behöver fler lärare, klasserna i skolan är alldeles för stora.",
    "Lärarna i skolan behöver mer tid för varje elev.",
]
