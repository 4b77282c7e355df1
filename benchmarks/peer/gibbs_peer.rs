//! The compiled peer: the talk's sampler as one single-threaded Rust program, the yardstick of issue #12.
//! Same algorithms as the talk's Rust version (rand / rand_distr), written out here because the benchmark
//! machines reach no crate registry: xoshiro256+ (rand's Xoshiro256Plus), rand_distr's 256-layer ziggurat
//! normal and Marsaglia–Tsang gamma (chi-square k = Gamma(k/2, 2)). The sweep is MODEL.md's, as the NumPy
//! baseline runs it.
//!
//! Build: rustc -C opt-level=3 -C target-cpu=native gibbs_peer.rs
//! Usage: gibbs_peer DATA.txt NU CHAINS BURN_IN SAMPLES SEED OUT.csv
//! Prints one JSON line: {"seconds": wall time of the sweeps}. OUT.csv: chain,draw,mu,sigma2.
use std::io::Write;
use std::time::Instant;

struct Xoshiro256Plus { s: [u64; 4] }

impl Xoshiro256Plus {
    fn seeded(seed: u64) -> Self {
        // SplitMix64 expansion of the seed, as rand's seed_from_u64.
        let mut z = seed;
        let mut s = [0u64; 4];
        for w in s.iter_mut() {
            z = z.wrapping_add(0x9E3779B97F4A7C15);
            let mut x = z;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D049BB133111EB);
            *w = x ^ (x >> 31);
        }
        Xoshiro256Plus { s }
    }
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        let r = self.s[0].wrapping_add(self.s[3]);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        r
    }
    /// Uniform in (0, 1): rand's Open01.
    #[inline(always)]
    fn open01(&mut self) -> f64 { ((self.next_u64() >> 12) as f64 + 0.5) * (1.0 / 4503599627370496.0) }
}

const R: f64 = 3.654152885361008796;
const V: f64 = 0.00492867323399;

struct Ziggurat { x: [f64; 257], f: [f64; 257] }

impl Ziggurat {
    fn new() -> Self {
        let pdf = |x: f64| (-0.5 * x * x).exp();
        let mut x = [0.0; 257];
        x[0] = V / pdf(R);
        x[1] = R;
        for i in 2..256 { x[i] = (-2.0 * (V / x[i - 1] + pdf(x[i - 1])).ln()).sqrt(); }
        x[256] = 0.0;
        let mut f = [0.0; 257];
        for i in 0..257 { f[i] = pdf(x[i]); }
        Ziggurat { x, f }
    }
    /// rand_distr's ziggurat: low 8 bits pick the layer, the top 52 bits a uniform in [-1, 1).
    #[inline(always)]
    fn normal(&self, rng: &mut Xoshiro256Plus) -> f64 {
        loop {
            let bits = rng.next_u64();
            let i = (bits & 0xff) as usize;
            let u = 2.0 * f64::from_bits((bits >> 12) | 0x3FF0000000000000) - 3.0;
            let x = u * self.x[i];
            if x.abs() < self.x[i + 1] { return x; }
            if i == 0 {
                loop {
                    let xt = rng.open01().ln() / R;
                    let y = rng.open01().ln();
                    if -2.0 * y >= xt * xt { return if u < 0.0 { xt - R } else { R - xt }; }
                }
            }
            if self.f[i + 1] + (self.f[i] - self.f[i + 1]) * rng.open01() < (-0.5 * x * x).exp() { return x; }
        }
    }
}

/// Gamma(shape, 1) by Marsaglia & Tsang, its constants made once as rand_distr's Gamma::new makes them, with
/// rand_distr's boost for shape < 1.
struct Gamma { d: f64, c: f64, boost: f64 }

impl Gamma {
    fn new(shape: f64) -> Self {
        let a = if shape < 1.0 { shape + 1.0 } else { shape };
        let d = a - 1.0 / 3.0;
        Gamma { d, c: 1.0 / (9.0 * d).sqrt(), boost: if shape < 1.0 { 1.0 / shape } else { 0.0 } }
    }
    #[inline(always)]
    fn sample(&self, z: &Ziggurat, rng: &mut Xoshiro256Plus) -> f64 {
        let draw = loop {
            let x = z.normal(rng);
            let v = 1.0 + self.c * x;
            if v <= 0.0 { continue; }
            let v = v * v * v;
            let u = rng.open01();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || u.ln() < 0.5 * x2 + self.d * (1.0 - v + v.ln()) { break self.d * v; }
        };
        if self.boost > 0.0 { draw * rng.open01().powf(self.boost) } else { draw }
    }
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let x: Vec<f64> = std::fs::read_to_string(&a[1]).unwrap().lines().filter(|l| !l.trim().is_empty()).map(|l| l.trim().parse().unwrap()).collect();
    let (nu, chains, burn_in, samples, seed): (f64, usize, usize, usize, u64) =
        (a[2].parse().unwrap(), a[3].parse().unwrap(), a[4].parse().unwrap(), a[5].parse().unwrap(), a[6].parse().unwrap());
    let n = x.len();
    let z = Ziggurat::new();
    let mut mu_draws = vec![0.0; chains * samples];
    let mut sigma2_draws = vec![0.0; chains * samples];
    let mean = x.iter().sum::<f64>() / n as f64;
    let (latent, scale, precision) = (Gamma::new((nu + 1.0) / 2.0), Gamma::new(n as f64 / 2.0), Gamma::new(nu * n as f64 / 2.0));
    let start = Instant::now();
    for chain in 0..chains {
        let mut rng = Xoshiro256Plus::seeded(seed.wrapping_add(chain as u64));
        let (mut mu, mut alpha2, mut tau2) = (mean, 1.0, 1.0);
        for sweep in 0..burn_in + samples {
            let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
            let offset = nu * tau2;
            for &xi in &x {
                let dev2 = (xi - mu) * (xi - mu);
                let inv_u = 2.0 * latent.sample(&z, &mut rng) / (offset + dev2 / alpha2);
                s0 += inv_u;
                s1 += xi * inv_u;
                s2 += dev2 * inv_u;
            }
            alpha2 = s2 / (2.0 * scale.sample(&z, &mut rng));
            mu = s1 / s0 + (alpha2 / s0).sqrt() * z.normal(&mut rng);
            tau2 = precision.sample(&z, &mut rng) * 2.0 / (nu * s0);
            let (a2, t2) = (alpha2, tau2);
            alpha2 = 1.0;
            tau2 = a2 * t2;
            if sweep >= burn_in {
                mu_draws[chain * samples + sweep - burn_in] = mu;
                sigma2_draws[chain * samples + sweep - burn_in] = a2 * t2;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&a[7]).unwrap());
    writeln!(out, "chain,draw,mu,sigma2").unwrap();
    for c in 0..chains { for d in 0..samples { writeln!(out, "{},{},{:?},{:?}", c + 1, d + 1, mu_draws[c * samples + d], sigma2_draws[c * samples + d]).unwrap(); } }
    println!("{{\"seconds\": {}}}", seconds);
}
