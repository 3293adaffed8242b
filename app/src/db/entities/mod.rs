//! sea-orm entities: rows as stored. Pages and server functions use the `domain` types instead.

pub mod staff_group;
