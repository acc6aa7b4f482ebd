"""BRO deliveries (Basisregistratie Ondergrond): the BHR-GT borehole registration requests. No Qt here."""
