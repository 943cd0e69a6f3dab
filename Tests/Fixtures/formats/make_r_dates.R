# Makes r_dates.csv the way R writes dates, and expected_r_dates.csv: the same dates as R reads
# them back (yyyy-mm-dd), for the test to compare with ReviewQL's reading.
# Run from this folder: Rscript make_r_dates.R
days <- as.Date(c("2009-01-31", "2009-04-23", "2008-12-05", "2009-03-01"))
frame <- data.frame(
  authority = c("Norfolk", "Devon", "Kent", "Essex"),
  us = format(days, "%m/%d/%Y"),          # month first: 04/23/2009 shows it
  long = format(days, "%d %B %Y"),        # 31 January 2009
  posix = format(as.POSIXct(paste(days, "00:00:00"), tz = "UTC"), "%Y-%m-%d %H:%M:%S")
)
write.csv(frame, "r_dates.csv", row.names = FALSE)
back <- read.csv("r_dates.csv")
expected <- data.frame(
  us = format(as.Date(back$us, format = "%m/%d/%Y")),
  long = format(as.Date(back$long, format = "%d %B %Y")),
  posix = format(as.Date(as.POSIXct(back$posix, tz = "UTC")))
)
write.csv(expected, "expected_r_dates.csv", row.names = FALSE)
