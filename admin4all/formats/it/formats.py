# "8 ottobre 2019": the month in lower case (admin4all/month_names), the day unpadded.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
