"""Views of the dialogues app: public pages, activity registration and the staff pages."""
