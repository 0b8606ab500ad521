"""Short Swedish dialogue notes on four subjects, written for these tests."""

SCHOOLS = [
    "Skolan behöver fler lärare så att klasserna blir mindre.",
    "Lärarna på skolan har för stora klasser och hinner inte med eleverna.",
    "Skolmaten i skolan borde vara bättre för eleverna.",
    "Eleverna behöver en lugnare skolgård och fler vuxna i skolan.",
    "Min son trivs inte i skolan eftersom klassen är så stor.",
    "Skolan borde satsa på läxhjälp för elever efter lektionerna.",
    "Vi föräldrar vill ha bättre kontakt med lärarna i skolan.",
    "Skolans lokaler är slitna och klassrummen är för trånga för eleverna.",
    "Fler speciallärare behövs i skolan för elever som behöver stöd.",
    "Skolbiblioteket har stängt och eleverna saknar böcker i skolan.",
]
BUSES = [
    "Bussarna går för sällan på kvällarna.",
    "Kollektivtrafiken behöver fler bussturer till centrum.",
    "Bussen till sjukhuset är alltid försenad.",
    "Busshållplatsen saknar tak och det regnar in.",
    "Trafiken med bussar borde gå oftare på helgerna.",
    "Bussförbindelsen mellan byn och stan har försämrats.",
    "Det behövs en nattbuss från centrum på helgerna.",
    "Busskorten är för dyra för pensionärer och ungdomar.",
    "Busstrafiken till industriområdet börjar för sent på morgonen.",
    "Bussar och kollektivtrafiken borde ha fler avgångar.",
]
PARKS = [
    "Parken behöver fler bänkar och papperskorgar.",
    "Lekplatsen i parken är trasig och farlig för barnen.",
    "Vi vill ha mer grönska och blommor i stadsparken.",
    "Belysningen i parken är dålig så det känns otryggt på kvällen.",
    "Parken borde ha en hundrastgård och fler träd.",
    "Gräsmattorna i parken klipps för sällan på sommaren.",
    "Lekparken behöver nya gungor till barnen.",
    "Dammen i parken luktar illa och borde rensas.",
    "Fler parkbänkar i skuggan av träden i parken skulle vara fint.",
    "Stadsparken borde ha en utegym och fler gångstigar.",
]
ELDERLY = [
    "Äldreomsorgen behöver mer personal på äldreboendet.",
    "Min mamma på äldreboendet får för lite tid med personalen.",
    "Hemtjänsten hinner inte stanna och prata med de äldre.",
    "De äldre på boendet borde få komma ut oftare.",
    "Personalen i hemtjänsten byts ut för ofta, de äldre känner ingen.",
    "Maten på äldreboendet är kall när den serveras till de äldre.",
    "Äldre som bor ensamma behöver fler besök av hemtjänsten.",
    "Äldreboendet saknar aktiviteter för de boende på dagarna.",
    "Fler platser på äldreboendet behövs, kön är för lång för äldre.",
    "Anhöriga till äldre i omsorgen vill få mer information från personalen.",
]
GROUPS = {"skola": SCHOOLS, "buss": BUSES, "park": PARKS, "äldre": ELDERLY}
