p <- function(t) { cat(sprintf("%.10g", t$conf.int), sprintf("%.10g", t$estimate), sprintf("%.10g", t$p.value), "\n") }
p(poisson.test(12, 45000))
p(poisson.test(0, 1000))
p(poisson.test(59, 1100000))
p(poisson.test(c(12, 30), c(45000, 50000)))
p(poisson.test(c(59, 20), c(1100000, 400000)))
p(poisson.test(c(3, 0), c(1000, 2000)))
p(poisson.test(12, 45000, conf.level = 0.9))
p(poisson.test(c(12, 30), c(45000, 50000), conf.level = 0.9))
