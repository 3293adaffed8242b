//! What the home page tells a visitor about the network.

use serde::{Deserialize, Serialize};

/// One of the staff groups champions come from, as shown to anyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffGroup {
    pub name: String,
    pub description: String,
}
