//! The example communities, embedded so that a fresh install can start from one (the welcome
//! screen offers them) without the repository at hand.

/// (file name, text) of each example in `examples/`.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "sips-constellation.toml",
        include_str!("../examples/sips-constellation.toml"),
    ),
    (
        "nurses-lunch-circle.toml",
        include_str!("../examples/nurses-lunch-circle.toml"),
    ),
    (
        "sips-welfare-reform-and-housing.toml",
        include_str!("../examples/sips-welfare-reform-and-housing.toml"),
    ),
    (
        "sips-citizenship.toml",
        include_str!("../examples/sips-citizenship.toml"),
    ),
    (
        "sips-resilience.toml",
        include_str!("../examples/sips-resilience.toml"),
    ),
    (
        "sips-devolution.toml",
        include_str!("../examples/sips-devolution.toml"),
    ),
];

/// (file name, text) of each example constellation in `examples/`: its communities are in
/// [`EXAMPLES`], named by their file names there.
pub const CONSTELLATIONS: &[(&str, &str)] = &[(
    "sips.constellation.toml",
    include_str!("../examples/sips.constellation.toml"),
)];
