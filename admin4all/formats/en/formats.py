# British-style long dates, as the programme's documents write them: "8 October 2019".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
