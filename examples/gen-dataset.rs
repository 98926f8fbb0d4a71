//! Synthetic dataset generator for the benchmarks.
//!
//! ```text
//! cargo run --release --example gen-dataset -- --relations 1000 --out target/bench/data-1000 [--seed 1] [--defects 0.05]
//! ```
//!
//! Writes a dataset in the real format of docs/format.md, valid under schema/relation.schema.json and
//! schema/entities.schema.json and clean under relcheck's semantic rules (only `citation-needed`
//! warnings, as in the real data), in the layout `relcheck fmt` writes (a file with an injected
//! duplicate name excepted: fmt leaves such a file as it is):
//!
//! ```text
//! DIR/relcheck.toml                     (empty)
//! DIR/schema/{relation,entities}.schema.json   (copies of the project's schemas)
//! DIR/data/entities/{countries,organizations,people}.json
//! DIR/data/relations/XX-YY.json         N relations between distinct pairs of the 196 sovereign states
//! DIR/defects.json                      with --defects: the injected defects, [{file, rule, pointer}]
//! ```
//!
//! The content is synthetic (names, events, titles and memberships are made up or approximate); only
//! its size and shape follow data/relations/NO-UA.json: 20–60 events in chronological order with their
//! kinds and roles, some dated only by a bound (`[..2022-01-15]`) or approximately (`1991~`), acts of
//! third parties that events respond to, 20–80 references each cited at least once or listed only,
//! quotes (some translated), amounts, missions (some without kind or city), memberships, recognitions,
//! Norwegian and Ukrainian text. The output depends only on `--relations`, `--seed` and `--defects`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use clap::Parser;
use rayon::prelude::*;
use relcheck::dataset::FileKind;
use serde::Serialize;
use serde_json::Value;

const RELATION_SCHEMA: &str = include_str!("../schema/relation.schema.json");
const ENTITIES_SCHEMA: &str = include_str!("../schema/entities.schema.json");
/// The `--today` the benchmark runs relcheck with; no generated date lies after it.
const TODAY: (i32, u32, u32) = (2026, 11, 26);
const MAX_RELATIONS: usize = 196 * 195 / 2;

#[derive(Parser)]
#[command(about = "Write a synthetic relcheck dataset of N relations")]
struct Args {
    /// Number of relation files (at most 19110 = 196*195/2).
    #[arg(long)]
    relations: usize,
    /// Dataset root to write (created if missing; its data/relations/*.json are replaced).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the pseudo-random generator: the same seed gives the same dataset.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Fraction (0..1) of relation files that get one injected defect each, listed in DIR/defects.json.
    #[arg(long, default_value_t = 0.0)]
    defects: f64,
}

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers: splitmix64 (no rand crate).

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// A seed for one item, independent of the order in which items are generated.
fn derive_seed(seed: u64, stream: u64, index: u64) -> u64 {
    let mut rng =
        Rng::new(seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    rng.next_u64();
    rng.next_u64()
}

// ---------------------------------------------------------------------------------------------
// Fixed tables.

/// Regions, used for plausible memberships: Europe, Africa, Asia, Middle East, North and Central
/// America with the Caribbean, South America (Latin), Oceania.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    E,
    A,
    S,
    M,
    N,
    L,
    O,
}

use Region::*;

struct Country {
    code: &'static str,
    name: &'static str,
    capital: &'static str,
    region: Region,
}

macro_rules! countries {
    ($(($code:literal, $name:literal, $capital:literal, $region:ident)),* $(,)?) => {
        &[$(Country { code: $code, name: $name, capital: $capital, region: $region }),*]
    };
}

/// The 193 UN member states, the two observer states (VA, PS) and Taiwan: 196 sovereign states.
#[rustfmt::skip]
const COUNTRIES: &[Country] = countries![
    ("AD", "Andorra", "Andorra la Vella", E), ("AE", "United Arab Emirates", "Abu Dhabi", M),
    ("AF", "Afghanistan", "Kabul", S), ("AG", "Antigua and Barbuda", "Saint John's", N),
    ("AL", "Albania", "Tirana", E), ("AM", "Armenia", "Yerevan", E),
    ("AO", "Angola", "Luanda", A), ("AR", "Argentina", "Buenos Aires", L),
    ("AT", "Austria", "Vienna", E), ("AU", "Australia", "Canberra", O),
    ("AZ", "Azerbaijan", "Baku", E), ("BA", "Bosnia and Herzegovina", "Sarajevo", E),
    ("BB", "Barbados", "Bridgetown", N), ("BD", "Bangladesh", "Dhaka", S),
    ("BE", "Belgium", "Brussels", E), ("BF", "Burkina Faso", "Ouagadougou", A),
    ("BG", "Bulgaria", "Sofia", E), ("BH", "Bahrain", "Manama", M),
    ("BI", "Burundi", "Gitega", A), ("BJ", "Benin", "Porto-Novo", A),
    ("BN", "Brunei", "Bandar Seri Begawan", S), ("BO", "Bolivia", "Sucre", L),
    ("BR", "Brazil", "Brasília", L), ("BS", "Bahamas", "Nassau", N),
    ("BT", "Bhutan", "Thimphu", S), ("BW", "Botswana", "Gaborone", A),
    ("BY", "Belarus", "Minsk", E), ("BZ", "Belize", "Belmopan", N),
    ("CA", "Canada", "Ottawa", N), ("CD", "DR Congo", "Kinshasa", A),
    ("CF", "Central African Republic", "Bangui", A), ("CG", "Republic of the Congo", "Brazzaville", A),
    ("CH", "Switzerland", "Bern", E), ("CI", "Côte d'Ivoire", "Yamoussoukro", A),
    ("CL", "Chile", "Santiago", L), ("CM", "Cameroon", "Yaoundé", A),
    ("CN", "China", "Beijing", S), ("CO", "Colombia", "Bogotá", L),
    ("CR", "Costa Rica", "San José", N), ("CU", "Cuba", "Havana", N),
    ("CV", "Cabo Verde", "Praia", A), ("CY", "Cyprus", "Nicosia", E),
    ("CZ", "Czechia", "Prague", E), ("DE", "Germany", "Berlin", E),
    ("DJ", "Djibouti", "Djibouti", A), ("DK", "Denmark", "Copenhagen", E),
    ("DM", "Dominica", "Roseau", N), ("DO", "Dominican Republic", "Santo Domingo", N),
    ("DZ", "Algeria", "Algiers", A), ("EC", "Ecuador", "Quito", L),
    ("EE", "Estonia", "Tallinn", E), ("EG", "Egypt", "Cairo", A),
    ("ER", "Eritrea", "Asmara", A), ("ES", "Spain", "Madrid", E),
    ("ET", "Ethiopia", "Addis Ababa", A), ("FI", "Finland", "Helsinki", E),
    ("FJ", "Fiji", "Suva", O), ("FM", "Micronesia", "Palikir", O),
    ("FR", "France", "Paris", E), ("GA", "Gabon", "Libreville", A),
    ("GB", "United Kingdom", "London", E), ("GD", "Grenada", "Saint George's", N),
    ("GE", "Georgia", "Tbilisi", E), ("GH", "Ghana", "Accra", A),
    ("GM", "Gambia", "Banjul", A), ("GN", "Guinea", "Conakry", A),
    ("GQ", "Equatorial Guinea", "Malabo", A), ("GR", "Greece", "Athens", E),
    ("GT", "Guatemala", "Guatemala City", N), ("GW", "Guinea-Bissau", "Bissau", A),
    ("GY", "Guyana", "Georgetown", L), ("HN", "Honduras", "Tegucigalpa", N),
    ("HR", "Croatia", "Zagreb", E), ("HT", "Haiti", "Port-au-Prince", N),
    ("HU", "Hungary", "Budapest", E), ("ID", "Indonesia", "Jakarta", S),
    ("IE", "Ireland", "Dublin", E), ("IL", "Israel", "Jerusalem", M),
    ("IN", "India", "New Delhi", S), ("IQ", "Iraq", "Baghdad", M),
    ("IR", "Iran", "Tehran", M), ("IS", "Iceland", "Reykjavík", E),
    ("IT", "Italy", "Rome", E), ("JM", "Jamaica", "Kingston", N),
    ("JO", "Jordan", "Amman", M), ("JP", "Japan", "Tokyo", S),
    ("KE", "Kenya", "Nairobi", A), ("KG", "Kyrgyzstan", "Bishkek", S),
    ("KH", "Cambodia", "Phnom Penh", S), ("KI", "Kiribati", "South Tarawa", O),
    ("KM", "Comoros", "Moroni", A), ("KN", "Saint Kitts and Nevis", "Basseterre", N),
    ("KP", "North Korea", "Pyongyang", S), ("KR", "South Korea", "Seoul", S),
    ("KW", "Kuwait", "Kuwait City", M), ("KZ", "Kazakhstan", "Astana", S),
    ("LA", "Laos", "Vientiane", S), ("LB", "Lebanon", "Beirut", M),
    ("LC", "Saint Lucia", "Castries", N), ("LI", "Liechtenstein", "Vaduz", E),
    ("LK", "Sri Lanka", "Sri Jayawardenepura Kotte", S), ("LR", "Liberia", "Monrovia", A),
    ("LS", "Lesotho", "Maseru", A), ("LT", "Lithuania", "Vilnius", E),
    ("LU", "Luxembourg", "Luxembourg", E), ("LV", "Latvia", "Riga", E),
    ("LY", "Libya", "Tripoli", A), ("MA", "Morocco", "Rabat", A),
    ("MC", "Monaco", "Monaco", E), ("MD", "Moldova", "Chișinău", E),
    ("ME", "Montenegro", "Podgorica", E), ("MG", "Madagascar", "Antananarivo", A),
    ("MH", "Marshall Islands", "Majuro", O), ("MK", "North Macedonia", "Skopje", E),
    ("ML", "Mali", "Bamako", A), ("MM", "Myanmar", "Naypyidaw", S),
    ("MN", "Mongolia", "Ulaanbaatar", S), ("MR", "Mauritania", "Nouakchott", A),
    ("MT", "Malta", "Valletta", E), ("MU", "Mauritius", "Port Louis", A),
    ("MV", "Maldives", "Malé", S), ("MW", "Malawi", "Lilongwe", A),
    ("MX", "Mexico", "Mexico City", N), ("MY", "Malaysia", "Kuala Lumpur", S),
    ("MZ", "Mozambique", "Maputo", A), ("NA", "Namibia", "Windhoek", A),
    ("NE", "Niger", "Niamey", A), ("NG", "Nigeria", "Abuja", A),
    ("NI", "Nicaragua", "Managua", N), ("NL", "Netherlands", "Amsterdam", E),
    ("NO", "Norway", "Oslo", E), ("NP", "Nepal", "Kathmandu", S),
    ("NR", "Nauru", "Yaren", O), ("NZ", "New Zealand", "Wellington", O),
    ("OM", "Oman", "Muscat", M), ("PA", "Panama", "Panama City", N),
    ("PE", "Peru", "Lima", L), ("PG", "Papua New Guinea", "Port Moresby", O),
    ("PH", "Philippines", "Manila", S), ("PK", "Pakistan", "Islamabad", S),
    ("PL", "Poland", "Warsaw", E), ("PS", "Palestine", "Ramallah", M),
    ("PT", "Portugal", "Lisbon", E), ("PW", "Palau", "Ngerulmud", O),
    ("PY", "Paraguay", "Asunción", L), ("QA", "Qatar", "Doha", M),
    ("RO", "Romania", "Bucharest", E), ("RS", "Serbia", "Belgrade", E),
    ("RU", "Russia", "Moscow", E), ("RW", "Rwanda", "Kigali", A),
    ("SA", "Saudi Arabia", "Riyadh", M), ("SB", "Solomon Islands", "Honiara", O),
    ("SC", "Seychelles", "Victoria", A), ("SD", "Sudan", "Khartoum", A),
    ("SE", "Sweden", "Stockholm", E), ("SG", "Singapore", "Singapore", S),
    ("SI", "Slovenia", "Ljubljana", E), ("SK", "Slovakia", "Bratislava", E),
    ("SL", "Sierra Leone", "Freetown", A), ("SM", "San Marino", "San Marino", E),
    ("SN", "Senegal", "Dakar", A), ("SO", "Somalia", "Mogadishu", A),
    ("SR", "Suriname", "Paramaribo", L), ("SS", "South Sudan", "Juba", A),
    ("ST", "São Tomé and Príncipe", "São Tomé", A), ("SV", "El Salvador", "San Salvador", N),
    ("SY", "Syria", "Damascus", M), ("SZ", "Eswatini", "Mbabane", A),
    ("TD", "Chad", "N'Djamena", A), ("TG", "Togo", "Lomé", A),
    ("TH", "Thailand", "Bangkok", S), ("TJ", "Tajikistan", "Dushanbe", S),
    ("TL", "Timor-Leste", "Dili", S), ("TM", "Turkmenistan", "Ashgabat", S),
    ("TN", "Tunisia", "Tunis", A), ("TO", "Tonga", "Nuku'alofa", O),
    ("TR", "Türkiye", "Ankara", E), ("TT", "Trinidad and Tobago", "Port of Spain", N),
    ("TV", "Tuvalu", "Funafuti", O), ("TW", "Taiwan", "Taipei", S),
    ("TZ", "Tanzania", "Dodoma", A), ("UA", "Ukraine", "Kyiv", E),
    ("UG", "Uganda", "Kampala", A), ("US", "United States", "Washington, D.C.", N),
    ("UY", "Uruguay", "Montevideo", L), ("UZ", "Uzbekistan", "Tashkent", S),
    ("VA", "Vatican City", "Vatican City", E), ("VC", "Saint Vincent and the Grenadines", "Kingstown", N),
    ("VE", "Venezuela", "Caracas", L), ("VN", "Vietnam", "Hanoi", S),
    ("VU", "Vanuatu", "Port Vila", O), ("WS", "Samoa", "Apia", O),
    ("YE", "Yemen", "Sanaa", M), ("ZA", "South Africa", "Pretoria", A),
    ("ZM", "Zambia", "Lusaka", A), ("ZW", "Zimbabwe", "Harare", A),
];

struct Organization {
    id: &'static str,
    name: &'static str,
    founded: &'static str,
}

#[rustfmt::skip]
const ORGANIZATIONS: &[Organization] = &[
    Organization { id: "ASEAN", name: "Association of Southeast Asian Nations", founded: "1967-08-08" },
    Organization { id: "AFRICAN-UNION", name: "African Union", founded: "2002-07-09" },
    Organization { id: "COE", name: "Council of Europe", founded: "1949-05-05" },
    Organization { id: "EU", name: "European Union", founded: "1993-11-01" },
    Organization { id: "IAEA", name: "International Atomic Energy Agency", founded: "1957-07-29" },
    Organization { id: "IMF", name: "International Monetary Fund", founded: "1945-12-27" },
    Organization { id: "NATO", name: "NATO", founded: "1949-04-04" },
    Organization { id: "OAS", name: "Organization of American States", founded: "1948-04-30" },
    Organization { id: "OECD", name: "Organisation for Economic Co-operation and Development", founded: "1961-09-30" },
    Organization { id: "OSCE", name: "OSCE", founded: "1995-01-01" },
    Organization { id: "UN", name: "United Nations", founded: "1945-10-24" },
    Organization { id: "UNHCR", name: "Office of the United Nations High Commissioner for Refugees", founded: "1950-12-14" },
    Organization { id: "WHO", name: "World Health Organization", founded: "1948-04-07" },
    Organization { id: "WTO", name: "World Trade Organization", founded: "1995-01-01" },
];

const EU: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];
const EU_APPLICANTS: &[&str] = &["AL", "BA", "GE", "MD", "ME", "MK", "RS", "TR", "UA"];
const NATO: &[&str] = &[
    "AL", "BE", "BG", "CA", "HR", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IT", "LV", "LT", "LU", "ME",
    "NL", "MK", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "TR", "GB", "US",
];
const NATO_APPLICANTS: &[&str] = &["UA"];
const OECD: &[&str] = &[
    "AU", "AT", "BE", "CA", "CL", "CO", "CR", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IL", "IT",
    "JP", "KR", "LV", "LT", "LU", "MX", "NL", "NZ", "NO", "PL", "PT", "SK", "SI", "ES", "SE", "CH", "TR", "GB", "US",
];
const ASEAN: &[&str] = &["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"];
const NOT_WTO: &[&str] = &[
    "AD", "AZ", "BA", "BT", "BY", "DZ", "ER", "ET", "FM", "IQ", "IR", "KI", "KP", "LB", "LY", "MC", "MH", "NR", "PS",
    "PW", "SD", "SM", "SO", "SS", "SY", "TM", "TV", "UZ", "VA",
];
const OSCE_OUTSIDE_EUROPE: &[&str] = &["US", "CA", "KZ", "KG", "TJ", "TM", "UZ", "MN"];
const NOT_UN: &[&str] = &["VA", "PS", "TW"];
const NOT_COE: &[&str] = &["BY", "RU", "VA"];

/// (display, slug) pairs: names are written with their diacritics, ids are ASCII slugs.
#[rustfmt::skip]
const FIRST_NAMES: &[(&str, &str)] = &[
    ("Bjørn", "bjorn"), ("Søren", "soren"), ("Åse", "ase"), ("Ingrid", "ingrid"), ("Kjærsti", "kjaersti"),
    ("Ørjan", "orjan"), ("Sigrún", "sigrun"), ("Jonas", "jonas"), ("Anniken", "anniken"), ("Espen", "espen"),
    ("Olena", "olena"), ("Oleksandr", "oleksandr"), ("Dmytro", "dmytro"), ("Iryna", "iryna"), ("Taras", "taras"),
    ("Kateryna", "kateryna"), ("Andrii", "andrii"), ("Yuliia", "yuliia"), ("Mykola", "mykola"), ("Halyna", "halyna"),
    ("José", "jose"), ("François", "francois"), ("Zoë", "zoe"), ("Łukasz", "lukasz"), ("Miloš", "milos"),
    ("Ayşe", "ayse"), ("Amara", "amara"), ("Kwame", "kwame"), ("Hiroshi", "hiroshi"), ("Min-jun", "min-jun"),
    ("Fatima", "fatima"), ("Omar", "omar"), ("Priya", "priya"), ("Rahul", "rahul"), ("Lucía", "lucia"),
    ("João", "joao"), ("Mei", "mei"), ("Wei", "wei"), ("Aroha", "aroha"), ("Tevita", "tevita"),
    ("Elif", "elif"), ("Nikola", "nikola"), ("Agnieszka", "agnieszka"), ("Jürgen", "jurgen"), ("Margrethe", "margrethe"),
];
#[rustfmt::skip]
const SURNAMES: &[(&str, &str)] = &[
    ("Haugen", "haugen"), ("Bråten", "braten"), ("Løvik", "lovik"), ("Ødegård", "odegard"), ("Strøm", "strom"),
    ("Sæther", "saether"), ("Økland", "okland"), ("Halvorsen", "halvorsen"), ("Kristiansen", "kristiansen"), ("Dahl", "dahl"),
    ("Berg", "berg"), ("Moe", "moe"), ("Kovalenko", "kovalenko"), ("Shevchenko", "shevchenko"), ("Bondarenko", "bondarenko"),
    ("Tkachenko", "tkachenko"), ("Hrytsenko", "hrytsenko"), ("Melnyk", "melnyk"), ("Boiko", "boiko"), ("Kravchenko", "kravchenko"),
    ("Oliinyk", "oliinyk"), ("Lysenko", "lysenko"), ("García", "garcia"), ("Müller", "muller"), ("Novák", "novak"),
    ("Dubois", "dubois"), ("Kowalski", "kowalski"), ("Petrović", "petrovic"), ("Yılmaz", "yilmaz"), ("Okafor", "okafor"),
    ("Mensah", "mensah"), ("Tanaka", "tanaka"), ("Kim", "kim"), ("Silva", "silva"), ("Santos", "santos"),
    ("Nguyen", "nguyen"), ("Haddad", "haddad"), ("Rahman", "rahman"), ("Singh", "singh"), ("Mwangi", "mwangi"),
    ("Diallo", "diallo"), ("Fernández", "fernandez"), ("Björklund", "bjorklund"), ("Virtanen", "virtanen"), ("Jensen", "jensen"),
    ("Rossi", "rossi"),
];

struct Publisher {
    name: &'static str,
    slug: &'static str,
    host: &'static str,
    language: &'static str,
}

#[rustfmt::skip]
const PUBLISHERS: &[Publisher] = &[
    Publisher { name: "NRK", slug: "nrk", host: "www.nrk.no", language: "no" },
    Publisher { name: "VG", slug: "vg", host: "www.vg.no", language: "no" },
    Publisher { name: "Aftenposten", slug: "aftenposten", host: "www.aftenposten.no", language: "no" },
    Publisher { name: "Dagbladet", slug: "dagbladet", host: "www.dagbladet.no", language: "no" },
    Publisher { name: "ABC Nyheter", slug: "abc-nyheter", host: "www.abcnyheter.no", language: "no" },
    Publisher { name: "Nettavisen", slug: "nettavisen", host: "www.nettavisen.no", language: "no" },
    Publisher { name: "Dagens Næringsliv", slug: "dn", host: "www.dn.no", language: "nb" },
    Publisher { name: "Regjeringen.no", slug: "regjeringen", host: "www.regjeringen.no", language: "nb" },
    Publisher { name: "E24", slug: "e24", host: "e24.no", language: "nb" },
    Publisher { name: "Framtida", slug: "framtida", host: "www.framtida.no", language: "nn" },
    Publisher { name: "Dag og Tid", slug: "dag-og-tid", host: "www.dagogtid.no", language: "nn" },
    Publisher { name: "Українська правда", slug: "pravda-ua", host: "www.pravda.com.ua", language: "uk" },
    Publisher { name: "Укрінформ", slug: "ukrinform", host: "www.ukrinform.ua", language: "uk" },
    Publisher { name: "Дзеркало тижня", slug: "zn-ua", host: "zn.ua", language: "uk" },
    Publisher { name: "Суспільне", slug: "suspilne", host: "suspilne.media", language: "uk" },
    Publisher { name: "Reuters", slug: "reuters", host: "www.reuters.com", language: "en" },
    Publisher { name: "BBC News", slug: "bbc", host: "www.bbc.com", language: "en" },
    Publisher { name: "The Guardian", slug: "guardian", host: "www.theguardian.com", language: "en" },
    Publisher { name: "Associated Press", slug: "ap", host: "apnews.com", language: "en" },
    Publisher { name: "The Kyiv Independent", slug: "kyiv-independent", host: "kyivindependent.com", language: "en" },
    Publisher { name: "Al Jazeera", slug: "al-jazeera", host: "www.aljazeera.com", language: "en" },
];

fn titles(language: &str) -> &'static [&'static str] {
    match language {
        "no" => &[
            "{S1} møtte {S2}: – Et viktig skritt for samarbeidet",
            "Nytt samarbeid om fornybar energi på plass",
            "Regjeringen øker bistanden – milliarder til gjenoppbygging",
            "Utenriksministeren på besøk: – Vi står sammen",
            "Avtale om frihandel er undertegnet",
            "Kraftig økning i handelen mellom landene",
            "{S1} om krisen: – Dette er en alvorlig situasjon",
            "Støtten til sivilsamfunnet økes med 200 millioner kroner",
        ],
        "nb" => &[
            "Næringslivet ser nye muligheter etter besøket",
            "{S1} og {S2} enige om tettere samarbeid",
            "Ny avtale skal styrke handelen – eksporten øker",
            "Bistandsbudsjettet: Slik fordeles pengene",
            "Sjømateksporten når nye høyder",
        ],
        "nn" => &[
            "Utanriksministeren på vitjing: – Vi står saman",
            "Ny avtale om handel er underskriven",
            "Regjeringa aukar støtta til gjenoppbygging",
            "{S1} møtte {S2} – dette vart avtalt",
            "Kva betyr den nye avtalen for næringslivet?",
        ],
        "uk" => &[
            "Міністри закордонних справ обговорили розвиток двосторонніх відносин",
            "Підписано угоду про економічне співробітництво",
            "Президент провів телефонну розмову з колегою",
            "Нова програма гуманітарної допомоги: що відомо",
            "Відкриття посольства – новий етап співпраці",
            "{S1} і {S2} домовилися про поглиблення партнерства",
            "Товарообіг між країнами зріс на третину",
        ],
        _ => &[
            "{A} and {B} sign trade agreement",
            "Foreign ministers of {A} and {B} meet in {CAP}",
            "{A} pledges new aid package to {B}",
            "{S1} calls for closer ties with {B}",
            "{A}–{B} talks focus on energy and security",
            "What the new {A}–{B} agreement means",
        ],
    }
}

fn quotes(language: &str) -> &'static [&'static str] {
    match language {
        "no" => &[
            "Vi står sammen i en krevende tid, og samarbeidet vårt blir stadig sterkere.",
            "Dette er en viktig dag for forholdet mellom våre to land.",
            "Vi må være mer våkne.",
            "Det er mulig å strekke ut en hånd.",
        ],
        "nb" => &[
            "Vi har mye å lære av hverandre, særlig når det gjelder grønn omstilling.",
            "Avtalen åpner nye dører for næringslivet på begge sider.",
        ],
        "nn" => &[
            "Vi står saman i ei krevjande tid.",
            "Dette er ein viktig dag for samarbeidet vårt.",
        ],
        "uk" => &[
            "Ми цінуємо підтримку та солідарність наших партнерів.",
            "Це важливий крок для розвитку двосторонніх відносин.",
            "Разом ми сильніші.",
            "Дякую за вашу принципову позицію.",
        ],
        _ => &[
            "We share a commitment to peace, security and the rule of law.",
            "This agreement opens a new chapter in our relations.",
            "Our friendship is built on trust and mutual respect.",
            "we need to be more alert",
            "There is much more we can do together.",
        ],
    }
}

const FILLERS: &[&str] = &[
    "The talks also covered energy security, the green transition and people-to-people contacts.",
    "Both sides agreed to continue the dialogue at the level of deputy ministers.",
    "They discussed the security situation in Europe and the war in Ukraine.",
    "The meeting was followed by a joint press conference.",
    "A memorandum of understanding on cooperation in education and research was signed on the same day.",
    "Representatives of business associations from both countries took part in the programme.",
    "The parties welcomed the growth in bilateral trade over the previous year.",
    "Cooperation in the United Nations and other multilateral forums was also on the agenda.",
];

const TOPICS: &[(&str, &str)] = &[
    ("trade and investment", "trade"),
    ("double taxation", "double-taxation"),
    ("visa facilitation", "visa"),
    ("cultural cooperation", "culture"),
    ("renewable energy", "energy"),
    ("maritime cooperation", "maritime"),
    ("readmission", "readmission"),
    ("defence cooperation", "defence"),
    ("education and research", "education"),
];

const PURPOSES: &[&str] = &[
    "humanitarian aid",
    "reconstruction and support to crucial infrastructure, such as schools and hospitals",
    "energy security",
    "budget support",
    "demining",
    "support to civil society and independent media",
    "climate adaptation",
];

const CURRENCIES: &[&str] = &["NOK", "EUR", "USD", "UAH", "GBP", "SEK", "CHF", "JPY"];

// ---------------------------------------------------------------------------------------------
// Output types: field order follows data/relations/NO-UA.json.

#[derive(Serialize, Clone)]
struct EntityFile {
    #[serde(rename = "$schema")]
    schema: &'static str,
    kind: &'static str,
    entities: Vec<Entity>,
}

#[derive(Serialize, Clone)]
struct Entity {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
}

#[derive(Serialize)]
struct Relation {
    #[serde(rename = "$schema")]
    schema: &'static str,
    id: String,
    parties: [String; 2],
    title: String,
    summary: String,
    established: Established,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    recognitions: Vec<Recognition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    memberships: Vec<Membership>,
    events: Vec<Event>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missions: Vec<Mission>,
    references: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_links: Vec<ExternalLink>,
}

/// `cite` or `citation_needed: true`, flattened into each claim.
#[derive(Serialize, Default, Clone)]
struct Citation {
    #[serde(skip_serializing_if = "Option::is_none")]
    cite: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation_needed: Option<bool>,
}

impl Citation {
    fn cite(ids: Vec<String>) -> Self {
        Citation {
            cite: Some(ids),
            citation_needed: None,
        }
    }
    fn needed() -> Self {
        Citation {
            cite: None,
            citation_needed: Some(true),
        }
    }
}

#[derive(Serialize)]
struct Established {
    date: String,
    #[serde(flatten)]
    citation: Citation,
}

#[derive(Serialize)]
struct Recognition {
    recognizer: String,
    recognized: String,
    subject: &'static str,
    date: String,
    #[serde(flatten)]
    citation: Citation,
}

#[derive(Serialize)]
struct Membership {
    organization: &'static str,
    country: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(flatten)]
    citation: Citation,
}

#[derive(Serialize)]
struct Event {
    id: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    third_party: Option<bool>,
    summary: String,
    kinds: Vec<&'static str>,
    actors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<RoleItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quotes: Vec<Quote>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    amounts: Vec<Amount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    responds_to: Vec<String>,
    #[serde(flatten)]
    citation: Citation,
}

/// An item of an event's `roles`: an entity by id, or a group as a source would word it.
#[derive(Serialize)]
struct RoleItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'static str>,
    role: &'static str,
}

impl RoleItem {
    fn entity(id: &str, role: &'static str) -> Self {
        RoleItem {
            entity: Some(id.to_string()),
            group: None,
            role,
        }
    }
    fn group(group: &'static str, role: &'static str) -> Self {
        RoleItem {
            entity: None,
            group: Some(group),
            role,
        }
    }
}

#[derive(Serialize)]
struct Quote {
    speaker: String,
    text: String,
    language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_language: Option<&'static str>,
    #[serde(flatten)]
    citation: Citation,
}

#[derive(Serialize)]
struct Amount {
    value: u64,
    currency: &'static str,
    purpose: &'static str,
}

#[derive(Serialize)]
struct Mission {
    id: String,
    sending: String,
    host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<String>,
    #[serde(flatten)]
    citation: Citation,
}

#[derive(Serialize)]
struct Reference {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    publisher: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    work: Option<String>,
    language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retrieved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<Archived>,
    #[serde(skip_serializing_if = "Option::is_none")]
    listed_only: Option<bool>,
    /// Fields outside the schema (only for the `unknown-field` defect).
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Serialize)]
struct Archived {
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct ExternalLink {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct DefectEntry {
    file: String,
    rule: &'static str,
    pointer: String,
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn today() -> NaiveDate {
    ymd(TODAY.0, TODAY.1, TODAY.2)
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid date")
}

/// A uniformly random day in `from..=to`.
fn random_day(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as usize;
    from + Duration::days(rng.range(0, span) as i64)
}

/// `date` written to day, month or year precision (the written date's interval contains `date`).
fn with_precision(date: NaiveDate, precision: u8) -> String {
    match precision {
        0 => format!("{:04}", date.year()),
        1 => format!("{:04}-{:02}", date.year(), date.month()),
        _ => day(date),
    }
}

/// The start of an event id for a date: the date itself, or `by-<bound>` for `[..<bound>]`.
fn date_slug(date: &str) -> String {
    match date.strip_prefix("[..").and_then(|rest| rest.strip_suffix(']')) {
        Some(bound) => format!("by-{bound}"),
        None => date.trim_end_matches(['~', '?', '%']).to_string(),
    }
}

/// ASCII kebab-case slug of a place name ("Washington, D.C." -> "washington-d-c", "Bogotá" -> "bogota").
fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        let mapped: &str = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'Å' => "a",
            'é' | 'è' | 'ê' | 'ë' | 'É' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ø' | 'Ö' => "o",
            'ú' | 'ù' | 'û' | 'ü' | 'Ü' => "u",
            'ñ' => "n",
            'ç' => "c",
            'ș' | 'ş' | 'š' => "s",
            'ă' => "a",
            'æ' | 'Æ' => "ae",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
            dash = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if c != '\'' && !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (key, value) in vars {
        text = text.replace(key, value);
    }
    text
}

/// Organisations a country is (or applied to be) a member of, with the status.
fn memberships_of(c: &Country) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let code = c.code;
    if !NOT_UN.contains(&code) {
        out.push(("UN", "member"));
    }
    if NATO.contains(&code) {
        out.push(("NATO", "member"));
    } else if NATO_APPLICANTS.contains(&code) {
        out.push(("NATO", "applicant"));
    }
    if EU.contains(&code) {
        out.push(("EU", "member"));
    } else if EU_APPLICANTS.contains(&code) {
        out.push(("EU", "applicant"));
    }
    if c.region == E || OSCE_OUTSIDE_EUROPE.contains(&code) {
        out.push(("OSCE", "member"));
    }
    if c.region == E && !NOT_COE.contains(&code) {
        out.push(("COE", "member"));
    }
    if c.region == A {
        out.push(("AFRICAN-UNION", "member"));
    }
    if c.region == N || c.region == L {
        out.push(("OAS", "member"));
    }
    if ASEAN.contains(&code) {
        out.push(("ASEAN", "member"));
    }
    if OECD.contains(&code) {
        out.push(("OECD", "member"));
    }
    if !NOT_WTO.contains(&code) {
        out.push(("WTO", "member"));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Entities.

struct Person {
    id: String,
    name: String,
    surname: &'static str,
    role: &'static str,
}

struct World {
    /// Two people per country (head of government, foreign minister), by country code.
    people: HashMap<&'static str, [Person; 2]>,
    /// International figures with the organisation they lead.
    extras: Vec<(Person, &'static str)>,
    entity_files: [EntityFile; 3],
}

fn build_world(seed: u64) -> World {
    let mut rng = Rng::new(derive_seed(seed, 1, 0));
    let mut used = HashSet::new();
    let mut make = |rng: &mut Rng, suffix: &str, role: &'static str| -> Person {
        let (first, first_slug) = *rng.pick(FIRST_NAMES);
        let (last, last_slug) = *rng.pick(SURNAMES);
        let mut id = format!("{first_slug}-{last_slug}");
        if used.contains(&id) {
            id = format!("{first_slug}-{last_slug}-{suffix}");
        }
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{first_slug}-{last_slug}-{suffix}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        Person {
            id,
            name: format!("{first} {last}"),
            surname: last,
            role,
        }
    };

    let mut people = HashMap::new();
    let mut person_entities = Vec::new();
    for c in COUNTRIES {
        let lower = c.code.to_ascii_lowercase();
        let head = make(&mut rng, &lower, "head of government");
        let minister = make(&mut rng, &lower, "foreign minister");
        for (person, description) in [
            (&head, format!("Head of government of {}", c.name)),
            (&minister, format!("Minister of Foreign Affairs of {}", c.name)),
        ] {
            let start = rng.chance(0.5).then(|| format!("{}", rng.range(1945, 1980)));
            person_entities.push(Entity {
                id: person.id.clone(),
                name: person.name.clone(),
                description: Some(description),
                country: Some(c.code.to_string()),
                start,
            });
        }
        people.insert(c.code, [head, minister]);
    }
    let mut extras = Vec::new();
    for (org, title) in [
        ("UN", "Secretary-General of the United Nations"),
        ("NATO", "Secretary General of NATO"),
        ("OSCE", "Secretary General of the OSCE"),
        ("EU", "High Representative of the European Union for Foreign Affairs"),
        ("COE", "Secretary General of the Council of Europe"),
        ("WTO", "Director-General of the World Trade Organization"),
        ("IAEA", "Director General of the IAEA"),
        ("UNHCR", "United Nations High Commissioner for Refugees"),
        ("WHO", "Director-General of the World Health Organization"),
        ("IMF", "Managing Director of the IMF"),
        ("AFRICAN-UNION", "Chairperson of the African Union Commission"),
        ("OAS", "Secretary General of the OAS"),
    ] {
        let person = make(&mut rng, &org.to_ascii_lowercase(), "official");
        person_entities.push(Entity {
            id: person.id.clone(),
            name: person.name.clone(),
            description: Some(title.to_string()),
            country: None,
            start: None,
        });
        extras.push((person, org));
    }
    person_entities.sort_by(|a, b| a.id.cmp(&b.id));

    let mut countries: Vec<Entity> = COUNTRIES
        .iter()
        .map(|c| Entity {
            id: c.code.to_string(),
            name: c.name.to_string(),
            description: Some(format!("Capital: {}", c.capital)),
            country: None,
            start: None,
        })
        .collect();
    countries.sort_by(|a, b| a.id.cmp(&b.id));
    let mut organizations: Vec<Entity> = ORGANIZATIONS
        .iter()
        .map(|o| Entity {
            id: o.id.to_string(),
            name: o.name.to_string(),
            description: None,
            country: None,
            start: Some(o.founded.to_string()),
        })
        .collect();
    organizations.sort_by(|a, b| a.id.cmp(&b.id));

    let schema = "../../schema/entities.schema.json";
    World {
        people,
        extras,
        entity_files: [
            EntityFile {
                schema,
                kind: "countries",
                entities: countries,
            },
            EntityFile {
                schema,
                kind: "organizations",
                entities: organizations,
            },
            EntityFile {
                schema,
                kind: "people",
                entities: person_entities,
            },
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// Relations.

/// The event a reference was written about (or none, for background pages), with its day.
struct RefPlan {
    event: Option<usize>,
    published: NaiveDate,
}

fn generate_relation(world: &World, a: &'static Country, b: &'static Country, rng: &mut Rng) -> Relation {
    let id = format!("{}-{}", a.code, b.code);
    let last_event_day = ymd(2026, 10, 31);
    let parties = [a, b];

    // Established: some time between 1946 and 2010.
    let established_day = random_day(rng, ymd(1946, 1, 1), ymd(2010, 12, 31));
    let established_precision = if rng.chance(0.7) {
        2
    } else if rng.chance(0.6) {
        1
    } else {
        0
    };

    // Events: sorted days after the establishment (and after 1995, so that sources are on the web).
    let n_events = rng.range(20, 60);
    let first_day = (established_day + Duration::days(365)).max(ymd(1995, 1, 1));
    let mut days: Vec<NaiveDate> = (0..n_events)
        .map(|_| random_day(rng, first_day, last_event_day))
        .collect();
    days.sort();

    // References: background pages (established, missions, memberships) and news items about events.
    let n_background = rng.range(2, 6);
    let lo = 20usize.max(n_events + n_background);
    let hi = 80usize.min(3 * n_events + n_background);
    let n_refs = rng.range(lo.min(hi), hi);
    let n_event_refs = n_refs - n_background;
    // Each event gets one reference, the rest go to random events (at most 3 per event).
    let mut owned: Vec<usize> = vec![1; n_events];
    let mut extra = n_event_refs - n_events;
    while extra > 0 {
        let e = rng.below(n_events);
        if owned[e] < 3 {
            owned[e] += 1;
            extra -= 1;
        }
    }

    let mut plans = Vec::new();
    for _ in 0..n_background {
        // Foreign-ministry and embassy pages as last updated: after every dated claim they support
        // (the latest is an application for membership in 2022).
        let published = random_day(rng, ymd(2023, 1, 1), ymd(2026, 6, 30));
        plans.push(RefPlan { event: None, published });
    }
    for (e, &count) in owned.iter().enumerate() {
        for _ in 0..count {
            let published = (days[e] + Duration::days(rng.range(0, 14) as i64)).min(today());
            plans.push(RefPlan {
                event: Some(e),
                published,
            });
        }
    }
    // References are listed in a shuffled order (as real files are, roughly by first citation).
    let mut order: Vec<usize> = (0..plans.len()).collect();
    rng.shuffle(&mut order[n_background..]);

    let mut ref_ids: Vec<String> = vec![String::new(); plans.len()];
    let mut references: Vec<Option<Reference>> = (0..plans.len()).map(|_| None).collect();
    let mut used_ids = HashSet::new();
    let mut unique = |base: String| -> String {
        let mut id = base.clone();
        let mut n = 2;
        while !used_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    };
    let people_a = &world.people[a.code];
    let people_b = &world.people[b.code];
    for (i, plan) in plans.iter().enumerate() {
        let published = plan.published;
        let reference = if plan.event.is_none() {
            // Background pages: foreign ministries and embassies of the two parties.
            let (from, to) = if i % 2 == 0 { (a, b) } else { (b, a) };
            let lf = from.code.to_ascii_lowercase();
            let lt = to.code.to_ascii_lowercase();
            let (id, title, publisher) = match i {
                0 | 1 => (
                    unique(format!("mfa-{lf}-{lt}-bilateral-relations")),
                    format!("Bilateral relations between {} and {}", from.name, to.name),
                    format!("Ministry of Foreign Affairs of {}", from.name),
                ),
                _ => (
                    unique(format!("embassy-{lf}-{lt}")),
                    format!("Embassy of {} in {}", from.name, to.capital),
                    format!("Embassy of {} in {}", from.name, to.name),
                ),
            };
            let url = format!("https://www.mfa.gov.{lf}/en/{}", id);
            let retrieved = random_day(rng, published, today());
            let archived = rng.chance(0.4).then(|| {
                let date = random_day(rng, published.max(retrieved), today());
                Archived {
                    date: day(date),
                    url: None,
                }
            });
            Reference {
                id,
                title: Some(title),
                publisher,
                work: None,
                language: "en",
                published: Some(day(published)),
                retrieved: Some(day(retrieved)),
                url: Some(url),
                archived,
                listed_only: None,
                extra: BTreeMap::new(),
            }
        } else {
            let publisher = rng.pick(PUBLISHERS);
            let id = unique(format!("{}-{}", publisher.slug, day(published)));
            let (p1, p2) = if rng.chance(0.5) {
                (people_a, people_b)
            } else {
                (people_b, people_a)
            };
            let template: &str = rng.pick::<&str>(titles(publisher.language));
            let (x, y) = (&p1[rng.below(2)], &p2[rng.below(2)]);
            // Surnames when they differ, full names otherwise ("Okafor і Okafor" reads as an error).
            let (s1, s2) = if x.surname != y.surname {
                (x.surname, y.surname)
            } else {
                (x.name.as_str(), y.name.as_str())
            };
            let title = fill(
                template,
                &[
                    ("{S1}", s1),
                    ("{S2}", s2),
                    ("{A}", a.name),
                    ("{B}", b.name),
                    ("{CAP}", b.capital),
                ],
            );
            let has_url = rng.chance(0.92);
            let url = has_url.then(|| format!("https://{}/{}/{}", publisher.host, published.year(), id));
            let retrieved = has_url.then(|| random_day(rng, published, (published + Duration::days(400)).min(today())));
            let archived = (has_url && rng.chance(0.3)).then(|| {
                let date = random_day(
                    rng,
                    published.max(ymd(1997, 1, 1)),
                    (published + Duration::days(800)).min(today()),
                );
                let url = rng.chance(0.7).then(|| {
                    format!(
                        "https://web.archive.org/web/{}{:02}{:02}{:02}/{}",
                        date.format("%Y%m%d"),
                        rng.below(24),
                        rng.below(60),
                        rng.below(60),
                        url.as_deref().unwrap_or_default()
                    )
                });
                Archived { date: day(date), url }
            });
            // Most sources give the day; some only the month.
            let published_text = if rng.chance(0.9) {
                day(published)
            } else {
                with_precision(published, 1)
            };
            Reference {
                id,
                title: Some(title),
                publisher: publisher.name.to_string(),
                work: rng.chance(0.1).then(|| format!("{} online", publisher.name)),
                language: publisher.language,
                published: Some(published_text),
                retrieved: retrieved.map(day),
                url,
                archived,
                listed_only: None,
                extra: BTreeMap::new(),
            }
        };
        ref_ids[i] = reference.id.clone();
        references[i] = Some(reference);
    }

    // Events.
    let mut refs_of_event: Vec<Vec<usize>> = vec![Vec::new(); n_events];
    for (i, plan) in plans.iter().enumerate() {
        if let Some(e) = plan.event {
            refs_of_event[e].push(i);
        }
    }
    let mut events = Vec::with_capacity(n_events);
    let mut event_ids = HashSet::new();
    for (e, &date) in days.iter().enumerate() {
        let precision = if rng.chance(0.85) {
            2
        } else if rng.chance(0.8) {
            1
        } else {
            0
        };
        let date_text = with_precision(date, precision);
        // Some events are known only to precede their day (the day their source reports them).
        let date_text = if precision == 2 && rng.chance(0.05) {
            format!("[..{date_text}]")
        } else {
            date_text
        };
        let (host, guest) = if rng.chance(0.5) { (b, a) } else { (a, b) };
        let guest_people = &world.people[guest.code];
        let host_people = &world.people[host.code];
        let g = &guest_people[rng.below(2)];
        let h = &host_people[rng.below(2)];
        let filler = *rng.pick(FILLERS);
        let kind = rng.below(8);
        let mut actors = vec![g.id.clone(), h.id.clone()];
        let mut locations = Vec::new();
        let mut amounts = Vec::new();
        let (slug, summary) = match kind {
            0 => {
                actors.push(guest.code.to_string());
                locations.push(host.capital.to_string());
                (
                    format!("{}-visit", slugify(host.capital)),
                    format!(
                        "{}, {} of {}, visited {} and met {}, {} of {}. {}",
                        g.name, g.role, guest.name, host.capital, h.name, h.role, host.name, filler
                    ),
                )
            }
            1 => (
                "phone-call".to_string(),
                format!(
                    "{} and {} held a telephone conversation about relations between {} and {} and the international situation. {}",
                    g.name, h.name, guest.name, host.name, filler
                ),
            ),
            2 => {
                let (topic, topic_slug) = *rng.pick(TOPICS);
                locations.push(host.capital.to_string());
                actors.push(guest.code.to_string());
                actors.push(host.code.to_string());
                (
                    format!("{topic_slug}-agreement"),
                    format!(
                        "{} and {} signed an agreement on {} in {}. The agreement was signed by {} and {}. {}",
                        guest.name, host.name, topic, host.capital, g.name, h.name, filler
                    ),
                )
            }
            3 => {
                let purpose = *rng.pick(PURPOSES);
                let value = (rng.range(1, 999) as u64) * 10u64.pow(rng.range(5, 8) as u32);
                let currency = *rng.pick(CURRENCIES);
                amounts.push(Amount { value, currency, purpose });
                actors.truncate(1);
                actors.push(guest.code.to_string());
                (
                    "aid-pledge".to_string(),
                    format!(
                        "{} announced that {} would contribute {} {} in {} to {}. {}",
                        g.name, guest.name, value, currency, purpose, host.name, filler
                    ),
                )
            }
            4 => {
                let org = ORGANIZATIONS
                    .iter()
                    .filter(|o| parse_day(o.founded) <= date.with_day(1).unwrap_or(date) - Duration::days(366))
                    .collect::<Vec<_>>();
                let org = rng.pick(&org);
                actors.push(org.id.to_string());
                if let Some((leader, _)) = world.extras.iter().find(|(_, o)| *o == org.id) {
                    if rng.chance(0.5) {
                        actors.push(leader.id.clone());
                    }
                }
                (
                    format!("{}-sidelines-meeting", org.id.to_ascii_lowercase()),
                    format!(
                        "{} and {} met on the sidelines of a meeting of the {} and discussed cooperation between {} and {}. {}",
                        g.name, h.name, org.name, guest.name, host.name, filler
                    ),
                )
            }
            5 => {
                locations.push(host.capital.to_string());
                (
                    "political-consultations".to_string(),
                    format!(
                        "Political consultations between the foreign ministries of {} and {} were held in {}. The delegations were headed by {} and {}. {}",
                        guest.name, host.name, host.capital, g.name, h.name, filler
                    ),
                )
            }
            6 => {
                actors.truncate(1);
                actors.push(guest.code.to_string());
                (
                    "statement".to_string(),
                    format!(
                        "{} issued a statement on developments in {} and on relations between {} and {}. {}",
                        g.name, host.name, guest.name, host.name, filler
                    ),
                )
            }
            _ => {
                locations.push(host.capital.to_string());
                actors.push(guest.code.to_string());
                actors.push(host.code.to_string());
                (
                    "business-forum".to_string(),
                    format!(
                        "A business forum of {} and {} was held in {} with the participation of {}. {}",
                        guest.name, host.name, host.capital, g.name, filler
                    ),
                )
            }
        };
        let kinds = match kind {
            0 => vec!["visit", "meeting"],
            1 => vec!["call"],
            2 => vec!["agreement"],
            3 => vec!["aid-pledge"],
            4 | 5 | 7 => vec!["meeting"],
            _ => vec!["statement"],
        };
        let mut roles = match kind {
            0 => vec![RoleItem::entity(&g.id, "visitor"), RoleItem::entity(&h.id, "host")],
            3 => vec![RoleItem::entity(host.code, "target")],
            7 => vec![RoleItem::group("business leaders of both countries", "participant")],
            _ => Vec::new(),
        };
        let base = format!("{}-{slug}", date_slug(&date_text));
        let mut event_id = base.clone();
        let mut n = 2;
        while !event_ids.insert(event_id.clone()) {
            event_id = format!("{base}-{n}");
            n += 1;
        }
        let owned = &refs_of_event[e];
        let cite: Vec<String> = owned.iter().map(|&i| ref_ids[i].clone()).collect();
        let mut quote_list = Vec::new();
        let speakers: Vec<&Person> = [g, h].into_iter().filter(|p| actors.contains(&p.id)).collect();
        if rng.chance(0.3) {
            for _ in 0..rng.range(1, 2) {
                let speaker = speakers[rng.below(speakers.len())];
                let language = *rng.pick(&["en", "en", "no", "nb", "nn", "uk"]);
                let text = (*rng.pick(quotes(language))).to_string();
                let cite = vec![cite[rng.below(cite.len())].clone()];
                // An English rendering of words said in another language, as the article gives them.
                let original_language = (language == "en" && rng.chance(0.5)).then(|| *rng.pick(&["no", "nb", "uk"]));
                if !roles
                    .iter()
                    .any(|r| r.role == "speaker" && r.entity.as_ref() == Some(&speaker.id))
                {
                    roles.push(RoleItem::entity(&speaker.id, "speaker"));
                }
                quote_list.push(Quote {
                    speaker: speaker.id.clone(),
                    text,
                    language,
                    original_language,
                    citation: Citation::cite(cite),
                });
            }
        }
        events.push(Event {
            id: event_id,
            date: date_text,
            third_party: None,
            summary,
            kinds,
            actors,
            roles,
            locations,
            quotes: quote_list,
            amounts,
            responds_to: Vec::new(),
            citation: Citation::cite(cite),
        });
    }
    // Some files record an act of a third country that one of their events responds to, dated only
    // as preceding the response and listed right before it.
    if rng.chance(0.3) {
        let at = rng.below(events.len());
        let third = loop {
            let c = rng.pick(COUNTRIES);
            if c.code != a.code && c.code != b.code {
                break c;
            }
        };
        let target = if rng.chance(0.5) { a } else { b };
        let (kind, slug, act) = *rng.pick(&[
            ("attack", "cyberattack", "carried out a cyberattack on"),
            ("deployment", "troop-deployment", "deployed troops on its border with"),
            (
                "recognition",
                "recognition-of-breakaway-region",
                "recognised a breakaway region of",
            ),
        ]);
        let date = events[at].date.clone();
        if !date.starts_with('[') {
            let id = format!("by-{date}-{}-{slug}", third.code.to_ascii_lowercase());
            let cite = events[at].citation.cite.clone().unwrap_or_default();
            let responder = &mut events[at];
            responder.responds_to.push(id.clone());
            responder.kinds.push("condemnation");
            responder.summary.push_str(&format!(
                " The event responded to {}'s {} of {}, which it condemned.",
                third.name, kind, target.name
            ));
            events.insert(
                at,
                Event {
                    id,
                    date: format!("[..{date}]"),
                    third_party: Some(true),
                    summary: format!("{} {act} {}.", third.name, target.name),
                    kinds: vec![kind],
                    actors: vec![third.code.to_string()],
                    roles: vec![RoleItem::entity(target.code, "target")],
                    locations: Vec::new(),
                    quotes: Vec::new(),
                    amounts: Vec::new(),
                    responds_to: Vec::new(),
                    citation: Citation::cite(cite),
                },
            );
        }
    }
    // Some events are stated without a reference (`citation_needed`): one, in some files, inserted
    // right after an event of the same date so that the order is kept.
    let n_uncited = if rng.chance(0.3) { 1 } else { 0 };
    for _ in 0..n_uncited {
        let at = rng.below(events.len());
        let date = events[at].date.clone();
        let g = &people_a[0];
        let event = Event {
            id: format!("{}-reported-contacts", date_slug(&date)),
            date,
            third_party: None,
            summary: format!(
                "{} reportedly held informal contacts with officials of {} on the same occasion.",
                g.name, b.name
            ),
            kinds: vec!["meeting"],
            actors: vec![g.id.clone(), b.code.to_string()],
            roles: Vec::new(),
            locations: Vec::new(),
            quotes: Vec::new(),
            amounts: Vec::new(),
            responds_to: Vec::new(),
            citation: Citation::needed(),
        };
        if !events.iter().any(|e| e.id == event.id) {
            events.insert(at + 1, event);
        }
    }

    // Claims citing the background pages: 0, 1 are the foreign ministries of a and b; 2.. embassies.
    let established = Established {
        date: with_precision(established_day, established_precision),
        citation: Citation::cite(vec![ref_ids[0].clone()]),
    };
    let mut recognitions = Vec::new();
    if rng.chance(0.6) {
        let (x, y) = if rng.chance(0.5) { (a, b) } else { (b, a) };
        let date = random_day(rng, established_day - Duration::days(400), established_day);
        recognitions.push(Recognition {
            recognizer: x.code.to_string(),
            recognized: y.code.to_string(),
            subject: "independence",
            // A year alone, sometimes only approximately known, or a day.
            date: match rng.below(4) {
                0 => format!("{}~", with_precision(date, 0)),
                1 => with_precision(date, 0),
                _ => with_precision(date, 2),
            },
            citation: if rng.chance(0.5) {
                Citation::needed()
            } else {
                Citation::cite(vec![ref_ids[1].clone()])
            },
        });
    }
    let mut memberships = Vec::new();
    for p in parties {
        let mut list = memberships_of(p);
        rng.shuffle(&mut list);
        list.truncate(rng.range(1, 4));
        for (org, status) in list {
            let citation = if rng.chance(0.15) {
                Citation::needed()
            } else {
                Citation::cite(vec![ref_ids[rng.below(2)].clone()])
            };
            let date = (status == "applicant").then(|| "2022".to_string());
            memberships.push(Membership {
                organization: org,
                country: p.code.to_string(),
                status,
                date,
                citation,
            });
        }
    }
    let mut missions = Vec::new();
    let mut embassy_ref = 2;
    for (from, to) in [(a, b), (b, a)] {
        if rng.chance(0.8) {
            let cite = if embassy_ref < n_background {
                embassy_ref += 1;
                vec![ref_ids[embassy_ref - 1].clone()]
            } else {
                vec![ref_ids[if from.code == a.code { 0 } else { 1 }].clone()]
            };
            // Sources do not always give the kind of mission or its city.
            let kind = (!rng.chance(0.1)).then_some("embassy");
            let city = (!rng.chance(0.15)).then(|| to.capital.to_string());
            missions.push(Mission {
                id: format!(
                    "{}-{}-{}",
                    from.code.to_ascii_lowercase(),
                    kind.unwrap_or("mission"),
                    city.as_deref().map_or_else(|| to.code.to_ascii_lowercase(), slugify)
                ),
                sending: from.code.to_string(),
                host: to.code.to_string(),
                kind,
                city,
                citation: Citation::cite(cite),
            });
        }
    }
    // Background references not cited yet (embassies without a listed mission) support the
    // establishment claim too, or are listed without being cited, as the article lists its embassy pages.
    let mut established = established;
    let established_cite = established.citation.cite.as_mut().expect("established cites");
    for i in embassy_ref..n_background {
        if rng.chance(0.5) {
            if let Some(reference) = references[i].as_mut() {
                reference.listed_only = Some(true);
            }
        } else {
            established_cite.push(ref_ids[i].clone());
        }
    }
    if !established_cite.contains(&ref_ids[1]) {
        established_cite.push(ref_ids[1].clone());
    }

    let mut external_links = Vec::new();
    if rng.chance(0.5) {
        external_links.push(ExternalLink {
            title: format!("Information about relations with {}", b.name),
            publisher: Some(format!("Ministry of Foreign Affairs of {}", a.name)),
            url: None,
        });
    }

    let references = order
        .iter()
        .map(|&i| references[i].take().expect("each reference once"))
        .collect();
    Relation {
        schema: "../../schema/relation.schema.json",
        id,
        parties: [a.code.to_string(), b.code.to_string()],
        title: format!("{}–{} relations", a.name, b.name),
        summary: format!(
            "{}–{} relations are foreign relations between {} and {}. {} has an embassy in {}.",
            a.name, b.name, a.name, b.name, b.name, a.capital
        ),
        established,
        recognitions,
        memberships,
        events,
        missions,
        references,
        external_links,
    }
}

// ---------------------------------------------------------------------------------------------
// Defects.

const DEFECT_RULES: &[&str] = &[
    "invalid-date",
    "retrieved-before-published",
    "unresolved-cite",
    "unresolved-entity",
    "events-out-of-order",
    "unresolved-event",
    "unknown-field",
    "missing-required-field",
    "duplicate-key",
];

/// A textual edit applied after serialisation (serde cannot write a duplicate key).
enum Post {
    None,
    DuplicateKey {
        marker: String,
        key: &'static str,
        value: String,
    },
}

/// Injects one defect of kind `rule` into `relation`; returns its pointer and any textual edit.
fn inject(relation: &mut Relation, rule: &'static str, rng: &mut Rng, ids: &HashSet<String>) -> Option<(String, Post)> {
    let full_day = |text: &Option<String>| text.as_deref().is_some_and(|t| t.len() == 10);
    match rule {
        "invalid-date" => {
            if rng.chance(0.5) && relation.established.date.len() == 10 {
                let year = &relation.established.date[..4];
                relation.established.date = format!("{year}-02-30");
                return Some(("/established/date".into(), Post::None));
            }
            let candidates: Vec<usize> = (0..relation.references.len())
                .filter(|&i| full_day(&relation.references[i].published))
                .collect();
            let i = *rng.pick(&candidates);
            let reference = &mut relation.references[i];
            let published = reference.published.clone().unwrap();
            // 31 April, 31 June, 31 September or 30 February of the same year.
            let bad = *rng.pick(&["02-30", "04-31", "06-31", "09-31", "11-31", "02-31"]);
            reference.published = Some(format!("{}-{bad}", &published[..4]));
            Some((format!("/references/{i}/published"), Post::None))
        }
        "retrieved-before-published" => {
            let candidates: Vec<usize> = (0..relation.references.len())
                .filter(|&i| {
                    let r = &relation.references[i];
                    full_day(&r.published) && r.retrieved.is_some()
                })
                .collect();
            let i = *rng.pick(&candidates);
            let reference = &mut relation.references[i];
            let published = parse_day(reference.published.as_deref().unwrap());
            reference.retrieved = Some(day(published - Duration::days(rng.range(1, 60) as i64)));
            Some((format!("/references/{i}/retrieved"), Post::None))
        }
        "unresolved-cite" => {
            let e = rng.below(relation.events.len());
            let cite = relation.events[e].citation.cite.as_mut()?;
            let typo = format!("{}x", cite[0]);
            cite.push(typo);
            Some((format!("/events/{e}/cite/{}", cite.len() - 1), Post::None))
        }
        "unresolved-entity" => {
            let e = rng.below(relation.events.len());
            let actors = &mut relation.events[e].actors;
            // A person id with its last letter dropped ("jonas-gahr-stor"), still a valid slug.
            let person = actors.iter().find(|a| a.chars().all(|c| !c.is_ascii_uppercase()))?;
            let typo = person[..person.len() - 1].trim_end_matches('-').to_string();
            if typo.is_empty() || ids.contains(&typo) || actors.contains(&typo) {
                return None;
            }
            actors.push(typo);
            Some((format!("/events/{e}/actors/{}", actors.len() - 1), Post::None))
        }
        "events-out-of-order" => {
            // Swap two neighbours whose dates are certainly ordered (both full days, different).
            let candidates: Vec<usize> = (0..relation.events.len() - 1)
                .filter(|&i| {
                    let (x, y) = (&relation.events[i].date, &relation.events[i + 1].date);
                    x.len() == 10 && y.len() == 10 && x < y
                })
                .collect();
            if candidates.is_empty() {
                return None;
            }
            let i = *rng.pick(&candidates);
            relation.events.swap(i, i + 1);
            Some((format!("/events/{}/date", i + 1), Post::None))
        }
        "unresolved-event" => {
            let candidates: Vec<usize> = (0..relation.events.len())
                .filter(|&i| !relation.events[i].responds_to.is_empty())
                .collect();
            if candidates.is_empty() {
                return None;
            }
            let e = *rng.pick(&candidates);
            let links = &mut relation.events[e].responds_to;
            let typo = format!("{}x", links[0]);
            links.push(typo);
            Some((format!("/events/{e}/responds_to/{}", links.len() - 1), Post::None))
        }
        "unknown-field" => {
            let candidates: Vec<usize> = (0..relation.references.len())
                .filter(|&i| relation.references[i].retrieved.is_some())
                .collect();
            let i = *rng.pick(&candidates);
            let reference = &mut relation.references[i];
            let retrieved = reference.retrieved.take().unwrap();
            reference.extra.insert("retreived".into(), Value::String(retrieved));
            Some((format!("/references/{i}/retreived"), Post::None))
        }
        "missing-required-field" => {
            let i = rng.below(relation.references.len());
            relation.references[i].title = None;
            Some((format!("/references/{i}"), Post::None))
        }
        "duplicate-key" => {
            let marker = format!("\u{1}duplicate-key-{}\u{1}", rng.next_u64());
            if rng.chance(0.5) {
                let e = rng.below(relation.events.len());
                let value = std::mem::replace(&mut relation.events[e].summary, marker.clone());
                Some((
                    format!("/events/{e}/summary"),
                    Post::DuplicateKey {
                        marker,
                        key: "summary",
                        value,
                    },
                ))
            } else {
                let i = rng.below(relation.references.len());
                let title = relation.references[i].title.as_mut()?;
                let value = std::mem::replace(title, marker.clone());
                Some((
                    format!("/references/{i}/title"),
                    Post::DuplicateKey {
                        marker,
                        key: "title",
                        value,
                    },
                ))
            }
        }
        _ => unreachable!("unknown defect {rule}"),
    }
}

fn to_pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("serialisable");
    text.push('\n');
    text
}

/// A data file in the dataset's layout, as `relcheck fmt` writes it (members in the schema's order).
fn to_data(value: &impl Serialize, kind: FileKind) -> String {
    relcheck::format::format_text(&to_pretty(value), kind, &Default::default()).expect("generated data is JSON")
}

fn apply_post(text: String, post: Post) -> String {
    match post {
        Post::None => text,
        Post::DuplicateKey { marker, key, value } => {
            let needle = format!("\"{key}\": {}", serde_json::to_string(&marker).unwrap());
            let at = text.find(&needle).expect("marker present");
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let indent = &text[line_start..at];
            let member = format!("\"{key}\": {}", serde_json::to_string(&value).unwrap());
            let replacement = format!("{member},\n{indent}{member}");
            text.replacen(&needle, &replacement, 1)
        }
    }
}

// ---------------------------------------------------------------------------------------------

fn main() {
    let args = Args::parse();
    assert_eq!(
        COUNTRIES.len(),
        196,
        "the country table must list the 196 sovereign states"
    );
    if args.relations > MAX_RELATIONS {
        eprintln!("error: --relations is at most {MAX_RELATIONS} (196*195/2 pairs)");
        std::process::exit(2);
    }
    if !(0.0..=1.0).contains(&args.defects) {
        eprintln!("error: --defects is a fraction between 0 and 1");
        std::process::exit(2);
    }
    let started = std::time::Instant::now();
    let out = &args.out;
    let relations_dir = out.join("data/relations");
    let entities_dir = out.join("data/entities");
    for dir in [&relations_dir, &entities_dir, &out.join("schema")] {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    // Replace a previous run's relation files.
    for entry in fs::read_dir(&relations_dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            fs::remove_file(&path).expect("removable");
        }
    }
    let _ = fs::remove_file(out.join("defects.json"));
    write(&out.join("relcheck.toml"), "");
    write(&out.join("schema/relation.schema.json"), RELATION_SCHEMA);
    write(&out.join("schema/entities.schema.json"), ENTITIES_SCHEMA);

    let world = build_world(args.seed);
    let ids: HashSet<String> = world
        .entity_files
        .iter()
        .flat_map(|f| f.entities.iter().map(|e| e.id.clone()))
        .collect();
    for file in &world.entity_files {
        write(
            &entities_dir.join(format!("{}.json", file.kind)),
            &to_data(file, FileKind::Entities),
        );
    }

    // Pairs: first a perfect matching of a random permutation (so that every country takes part
    // once 98 relations exist), then all other pairs in random order.
    let mut rng = Rng::new(derive_seed(args.seed, 2, 0));
    let mut perm: Vec<usize> = (0..COUNTRIES.len()).collect();
    rng.shuffle(&mut perm);
    let sorted = |x: usize, y: usize| {
        if COUNTRIES[x].code < COUNTRIES[y].code {
            (x, y)
        } else {
            (y, x)
        }
    };
    let mut pairs: Vec<(usize, usize)> = perm.chunks(2).map(|c| sorted(c[0], c[1])).collect();
    let first: HashSet<(usize, usize)> = pairs.iter().copied().collect();
    let mut rest: Vec<(usize, usize)> = (0..COUNTRIES.len())
        .flat_map(|x| (x + 1..COUNTRIES.len()).map(move |y| (x, y)))
        .map(|(x, y)| sorted(x, y))
        .filter(|p| !first.contains(p))
        .collect();
    rng.shuffle(&mut rest);
    pairs.extend(rest);
    pairs.truncate(args.relations);

    // Which relations get a defect, and which one.
    let n_defects = (args.defects * args.relations as f64).round() as usize;
    let mut chosen: Vec<usize> = (0..args.relations).collect();
    rng.shuffle(&mut chosen);
    let defect_of: HashMap<usize, &'static str> = chosen
        .iter()
        .take(n_defects)
        .enumerate()
        .map(|(k, &i)| (i, DEFECT_RULES[k % DEFECT_RULES.len()]))
        .collect();

    let results: Vec<(u64, Option<DefectEntry>)> = pairs
        .par_iter()
        .enumerate()
        .map(|(index, &(x, y))| {
            let (a, b) = (&COUNTRIES[x], &COUNTRIES[y]);
            let mut rng = Rng::new(derive_seed(args.seed, 3, (x * 1000 + y) as u64));
            let mut relation = generate_relation(&world, a, b, &mut rng);
            let file = format!("data/relations/{}.json", relation.id);
            let mut post = Post::None;
            let mut entry = None;
            if let Some(&rule) = defect_of.get(&index) {
                let mut defect_rng = Rng::new(derive_seed(args.seed, 4, index as u64));
                // A rule that finds no place in this file falls back to one that always does.
                let (pointer, p, rule) = match inject(&mut relation, rule, &mut defect_rng, &ids) {
                    Some((pointer, p)) => (pointer, p, rule),
                    None => {
                        let (pointer, p) =
                            inject(&mut relation, "missing-required-field", &mut defect_rng, &ids).unwrap();
                        (pointer, p, "missing-required-field")
                    }
                };
                post = p;
                entry = Some(DefectEntry {
                    file: file.clone(),
                    rule,
                    pointer,
                });
            }
            // A duplicate name is written after formatting: `relcheck fmt` leaves such a file as it is.
            let text = apply_post(to_data(&relation, FileKind::Relation), post);
            write(&out.join(&file), &text);
            (text.len() as u64, entry)
        })
        .collect();

    let bytes: u64 = results.iter().map(|(b, _)| b).sum();
    if args.defects > 0.0 {
        let mut manifest: Vec<DefectEntry> = results.into_iter().filter_map(|(_, e)| e).collect();
        manifest.sort_by(|x, y| x.file.cmp(&y.file));
        write(&out.join("defects.json"), &to_pretty(&manifest));
        eprintln!(
            "{} defects listed in {}",
            manifest.len(),
            out.join("defects.json").display()
        );
    }
    eprintln!(
        "wrote {} relations ({:.1} MB) and 3 entity files to {} in {:.2}s",
        args.relations,
        bytes as f64 / 1e6,
        out.display(),
        started.elapsed().as_secs_f64()
    );
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
