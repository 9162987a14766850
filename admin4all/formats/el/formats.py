# The month's name in the genitive, "8 Οκτωβρίου 2019", rather than Django's "08/10/2019".
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
