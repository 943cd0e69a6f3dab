# Expected values for PopulationRatesTests: reviews per 100,000 people by region, the people
# from Tests/Fixtures/population/ons_mid2009_regions.csv (ONS mid-2009, all ages), computed
# independently of ReviewQL. Run from the repository: Rscript Tests/population_rates.R
reviews <- read.csv("Data/reviews.csv", check.names = FALSE)
authorities <- read.csv("Data/authorities.csv", check.names = FALSE)
population <- read.csv("Tests/Fixtures/population/ons_mid2009_regions.csv")
joined <- merge(reviews, authorities, by.x = "authority", by.y = "name")
stopifnot(nrow(joined) == nrow(reviews))
show <- function(label, x, n) {
  t <- poisson.test(x, n)
  cat(sprintf("%s|%d|%d|%.10g|%.10g|%.10g\n", label, x, n, x / n * 1e5, t$conf.int[1] * 1e5, t$conf.int[2] * 1e5))
}
rates <- function(rows) {
  counts <- table(factor(rows$region, levels = sort(unique(authorities$region))))
  for (region in names(counts)) {
    people <- population$people[tolower(population$region) == tolower(region)]
    show(region, as.integer(counts[[region]]), people)
  }
  show("Total", nrow(rows), sum(population$people))
}
cat("all reviews\n"); rates(joined)
cat("inadequate\n"); rates(joined[joined$judgement == "Inadequate", ])
