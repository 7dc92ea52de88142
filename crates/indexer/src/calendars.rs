//! Conversions to the Gregorian calendar from the Solar Hijri (Persian) calendar and the lunar
//! Hijri calendar.
//!
//! - Solar Hijri: the arithmetic of the `jalaali` libraries (Borkowski's algorithm with the table
//!   of breaks in the 33-year leap cycle), which agrees with the official Iranian calendar for
//!   years −61 to 3177.
//! - Lunar Hijri: the tabular (civil, "Kuwaiti") Islamic calendar, epoch 16 July 622 (Julian),
//!   leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26 and 29 of each 30-year cycle. Countries that
//!   follow moon sightings or Umm al-Qura may differ from it by a day or two.

use chrono::{Datelike, NaiveDate};

/// Years of the Solar Hijri calendar at which the 33-year leap cycle shifts.
const BREAKS: [i32; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// For Solar Hijri year `jy`: whether it is a leap year, the Gregorian year in which it starts, and
/// the day of March on which it starts (Nowruz). `None` outside the supported years.
fn jal_cal(jy: i32) -> Option<(bool, i32, u32)> {
    if jy < BREAKS[0] || jy >= BREAKS[BREAKS.len() - 1] {
        return None;
    }
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump / 33 * 8 + (jump % 33) / 4;
        jp = jm;
    }
    let mut n = jy - jp;
    leap_j += n / 33 * 8 + ((n % 33) + 3) / 4;
    if jump % 33 == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy / 4 - ((gy / 100 + 1) * 3) / 4 - 150;
    let march = 20 + leap_j - leap_g;
    if jump - n < 6 {
        n = n - jump + (jump + 4) / 33 * 33;
    }
    let mut leap = ((n + 1) % 33 - 1) % 4;
    if leap == -1 {
        leap = 4;
    }
    Some((leap == 0, gy, u32::try_from(march).ok()?))
}

/// Days in month `m` of Solar Hijri year `y`.
fn persian_month_len(y: i32, m: u32) -> Option<u32> {
    match m {
        1..=6 => Some(31),
        7..=11 => Some(30),
        12 => Some(if jal_cal(y)?.0 { 30 } else { 29 }),
        _ => None,
    }
}

/// The Gregorian day of Solar Hijri `y/m/d` (`1399/02/21` is 2020-05-10); `None` for days that do
/// not exist.
pub fn persian_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if d == 0 || d > persian_month_len(y, m)? {
        return None;
    }
    let (_, gy, march) = jal_cal(y)?;
    let nowruz = NaiveDate::from_ymd_opt(gy, 3, march)?;
    let (m, d) = (u64::from(m), u64::from(d));
    let offset = (m - 1) * 31 + d - 1 - if m > 6 { m - 7 } else { 0 };
    nowruz.checked_add_days(chrono::Days::new(offset))
}

/// Whether lunar Hijri year `y` has 355 days (a 30-day last month) in the tabular calendar.
fn hijri_leap(y: i32) -> bool {
    (14 + 11 * y).rem_euclid(30) < 11
}

/// Julian Day Number of 1 Muharram 1 AH in the tabular calendar (16 July 622, Julian).
const HIJRI_EPOCH_JDN: i64 = 1_948_440;
/// Julian Day Number of 0001-01-01 (proleptic Gregorian) minus one.
const JDN_CE_OFFSET: i64 = 1_721_425;

/// The Gregorian day of lunar Hijri `y/m/d` in the tabular calendar (`1442/01/01` is 2020-08-20);
/// `None` for days that do not exist.
pub fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let len = if m % 2 == 1 || (m == 12 && hijri_leap(y)) {
        30
    } else {
        29
    };
    if d == 0 || d > len {
        return None;
    }
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let jdn = d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y) / 30 + HIJRI_EPOCH_JDN - 1;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - JDN_CE_OFFSET).ok()?)
}

/// The Solar Hijri date of a Gregorian day, as `(year, month, day)` (for tests and round trips).
pub fn gregorian_to_persian(g: NaiveDate) -> Option<(i32, u32, u32)> {
    let jy = g.year() - 621;
    // The Solar Hijri year that starts in March of `g`'s year, or the one before.
    for y in [jy, jy - 1] {
        let (_, gy, march) = jal_cal(y)?;
        let nowruz = NaiveDate::from_ymd_opt(gy, 3, march)?;
        if g >= nowruz {
            let days = (g - nowruz).num_days() as u32;
            let (m, d) = if days < 186 {
                (days / 31 + 1, days % 31 + 1)
            } else {
                ((days - 186) / 30 + 7, (days - 186) % 30 + 1)
            };
            return Some((y, m, d));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn persian_known_days() {
        let cases = [
            ((1399, 2, 21), d(2020, 5, 10)),
            ((1399, 1, 1), d(2020, 3, 20)),
            ((1400, 1, 1), d(2021, 3, 21)),
            ((1403, 12, 30), d(2025, 3, 20)),
            ((1404, 1, 1), d(2025, 3, 21)),
            ((1354, 1, 1), d(1975, 3, 21)),
            ((1375, 12, 30), d(1997, 3, 20)),
            ((1357, 11, 22), d(1979, 2, 11)),
            ((1398, 10, 11), d(2020, 1, 1)),
            ((1402, 12, 29), d(2024, 3, 19)),
        ];
        for ((y, m, day), want) in cases {
            assert_eq!(persian_to_gregorian(y, m, day), want, "{y}/{m}/{day}");
        }
    }

    #[test]
    fn persian_impossible_days() {
        assert_eq!(
            persian_to_gregorian(1402, 12, 30),
            None,
            "1402 is not a leap year"
        );
        assert_eq!(persian_to_gregorian(1399, 7, 31), None);
        assert_eq!(persian_to_gregorian(1399, 13, 1), None);
        assert_eq!(persian_to_gregorian(1399, 1, 0), None);
        assert_eq!(persian_to_gregorian(5000, 1, 1), None);
        assert_eq!(persian_to_gregorian(-100, 1, 1), None);
    }

    #[test]
    fn persian_round_trip_over_a_century() {
        let mut g = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2060, 1, 1).unwrap();
        while g < end {
            let (y, m, day) = gregorian_to_persian(g).unwrap();
            assert_eq!(
                persian_to_gregorian(y, m, day),
                Some(g),
                "{g} = {y}/{m}/{day}"
            );
            g = g.succ_opt().unwrap();
        }
    }

    #[test]
    fn hijri_known_days() {
        let cases = [
            ((1442, 1, 1), d(2020, 8, 20)),
            ((1441, 9, 1), d(2020, 4, 24)),
            ((1445, 12, 10), d(2024, 6, 17)),
            ((1400, 1, 1), d(1979, 11, 21)),
            ((1, 1, 1), NaiveDate::from_ymd_opt(622, 7, 19)),
        ];
        for ((y, m, day), want) in cases {
            assert_eq!(hijri_to_gregorian(y, m, day), want, "{y}/{m}/{day}");
        }
        assert_eq!(
            hijri_to_gregorian(1441, 2, 30),
            None,
            "even months have 29 days"
        );
        assert_eq!(hijri_to_gregorian(1441, 13, 1), None);
    }

    #[test]
    fn hijri_days_are_consecutive() {
        // The last day of each month is followed by the first of the next, across leap years.
        for y in 1380..1480 {
            for m in 1..=12u32 {
                let last = (1..=30)
                    .rev()
                    .find_map(|day| hijri_to_gregorian(y, m, day))
                    .unwrap();
                let next = if m == 12 {
                    hijri_to_gregorian(y + 1, 1, 1)
                } else {
                    hijri_to_gregorian(y, m + 1, 1)
                };
                assert_eq!(last.succ_opt(), next, "{y}/{m}");
            }
        }
    }
}
