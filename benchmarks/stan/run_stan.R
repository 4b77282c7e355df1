# The Stan baseline of `greatmodel bench --ess`: rstan's NUTS with its defaults (4 chains, 1000 warm-up + 1000
# draws each), chains in parallel on every core, compile time reported apart. Prints one JSON line.
# Usage: Rscript run_stan.R MODEL.stan DATA.txt NU|estimate CORES SEED [COMPILED.rds]
suppressPackageStartupMessages({ library(rstan); library(posterior) })
args <- commandArgs(trailingOnly = TRUE)
model_file <- args[1]; data_file <- args[2]; nu <- args[3]; cores <- as.integer(args[4]); seed <- as.integer(args[5])
cache <- if (length(args) >= 6) args[6] else NA
x <- scan(data_file, quiet = TRUE)
estimate <- nu == "estimate"
compile_started <- Sys.time()
if (!is.na(cache) && file.exists(cache)) {
  model <- readRDS(cache)
} else {
  # Debian's BH package ships no headers: rstan compiles only with boost_lib pointing at the system's Boost.
  model <- stan_model(model_file, boost_lib = "/usr/include")
  if (!is.na(cache)) saveRDS(model, cache)
}
compile_seconds <- as.numeric(difftime(Sys.time(), compile_started, units = "secs"))
data <- list(n = length(x), x = x, estimate_nu = as.integer(estimate), nu_fixed = if (estimate) 1 else as.numeric(nu))
started <- Sys.time()
fit <- sampling(model, data = data, chains = 4, cores = cores, seed = seed, refresh = 0)
wall <- as.numeric(difftime(Sys.time(), started, units = "secs"))
times <- get_elapsed_time(fit)
draws <- as_draws_array(fit)
vars <- if (estimate) c("mu", "sigma2", "nu") else c("mu", "sigma2")
s <- summarise_draws(subset_draws(draws, variable = vars), "ess_bulk", "ess_tail", "rhat")
num <- function(v, digits) ifelse(is.finite(v), formatC(v, format = "f", digits = digits), "null") # JSON has no NA
ess <- paste(sprintf('"%s": {"ess_bulk": %s, "ess_tail": %s, "rhat": %s}', s$variable, num(s$ess_bulk, 3), num(s$ess_tail, 3), num(s$rhat, 6)), collapse = ", ")
cat(sprintf('{"compile_seconds": %.3f, "wall_seconds": %.3f, "warmup_seconds": %.4f, "sample_seconds": %.4f, "draws": %d, "rstan": "%s", %s}\n',
  compile_seconds, wall, sum(times[, "warmup"]), sum(times[, "sample"]), ndraws(draws), packageVersion("rstan"), ess))
