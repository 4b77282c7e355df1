// The model of docs/MODEL.md for Stan: x_i ~ t_nu(mu, sigma2), p(mu, sigma2) ∝ 1/sigma2, and with nu estimated
// nu ~ Gamma(2, 0.1) truncated to [1, 1e6] (brms's default for family = student). The Stan baseline of `bench --ess`.
// rstan 2.21 syntax (Debian's), so arrays are declared the old way.
data {
  int<lower=2> n;
  vector[n] x;
  int<lower=0, upper=1> estimate_nu;
  real<lower=0> nu_fixed;
}
parameters {
  real mu;
  real<lower=0> sigma;
  real<lower=1, upper=1e6> nu_free[estimate_nu];
}
transformed parameters {
  real sigma2 = square(sigma);
}
model {
  real nu = estimate_nu ? nu_free[1] : nu_fixed;
  // p(sigma2) ∝ 1/sigma2 is p(sigma) ∝ 1/sigma.
  target += -log(sigma);
  if (estimate_nu) nu_free[1] ~ gamma(2, 0.1);
  x ~ student_t(nu, mu, sigma);
}
generated quantities {
  real nu = estimate_nu ? nu_free[1] : nu_fixed;
}
