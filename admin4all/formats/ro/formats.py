# "8 octombrie 2019": the month in lower case (admin4all/month_names).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
