//! The demo network's organisations, teams and champions. The teams are those of the seed
//! figure; the people are invented (example.org addresses, Ofcom drama phone numbers).

/// (name, description, web address)
pub const ORGANISATIONS: [(&str, &str, &str); 3] = [
    (
        "North Somerset Council",
        "Children's services: locality teams, children's social care, the youth offending team \
         and children's centres.",
        "https://www.n-somerset.gov.uk/",
    ),
    (
        "Avon and Wiltshire Mental Health Partnership NHS Trust",
        "Secondary mental health care for adults, and child and adolescent mental health \
         services.",
        "https://www.awp.nhs.uk/",
    ),
    (
        "North Somerset Community Partnership",
        "Primary care mental health: talking therapies and wellness advice.",
        "https://www.nscphealth.co.uk/",
    ),
];

/// (team, organisation index, staff group position from 1)
pub const TEAMS: [(&str, usize, i32); 12] = [
    ("Education Welfare Service", 0, 1),
    ("Education Family Support", 0, 1),
    ("Locality Team North", 0, 1),
    ("Children's Centres", 0, 1),
    ("CAMHS", 1, 2),
    ("Youth Offending Team", 0, 2),
    ("Children's Social Care", 0, 2),
    ("Positive Steps", 2, 3),
    ("Wellness Advisors", 2, 3),
    ("Community Mental Health Team – Weston", 1, 4),
    ("Community Mental Health Team – North", 1, 4),
    ("Family Therapy Service", 1, 4),
];

/// One invented champion.
pub struct DemoPerson {
    pub name: &'static str,
    pub pronouns: &'static str,
    pub job_title: &'static str,
    /// Index into [`TEAMS`].
    pub team: usize,
    pub phone: &'static str,
    pub base: &'static str,
    pub tags: &'static [&'static str],
    /// Year and month they became a champion.
    pub since: (i32, u32),
    pub manager: &'static str,
    pub shadowing: Option<&'static str>,
    pub availability: &'static str,
    /// Days since they last confirmed the profile; over 183 shows as out of date.
    pub confirmed_days_ago: i64,
}

impl DemoPerson {
    /// firstname.familyname@example.org
    pub fn email(&self) -> String {
        let lower = self.name.to_lowercase().replace('\'', "");
        format!(
            "{}@example.org",
            lower.split_whitespace().collect::<Vec<_>>().join(".")
        )
    }
}

/// What a demo person has unless they say otherwise.
const BLANK: DemoPerson = DemoPerson {
    name: "",
    pronouns: "",
    job_title: "",
    team: 0,
    phone: "",
    base: "",
    tags: &[],
    since: (2022, 6),
    manager: "",
    shadowing: None,
    availability: "",
    confirmed_days_ago: 30,
};

pub const PEOPLE: [DemoPerson; 20] = [
    DemoPerson {
        phone: "01632 960 101",
        base: "Town Hall, Weston-super-Mare",
        manager: "Helen Rowe",
        availability: "Monday to Wednesday",
        name: "Grace Okafor",
        pronouns: "she/her",
        job_title: "Education Welfare Officer",
        team: 0,
        tags: &[
            "school attendance",
            "elective home education",
            "young carers",
        ],
        since: (2023, 3),
        shadowing: Some("Happy to take a practitioner on school attendance visits."),
        confirmed_days_ago: 20,
    },
    DemoPerson {
        name: "Daniel Hughes",
        pronouns: "he/him",
        job_title: "Education Family Support Worker",
        team: 1,
        tags: &["parenting support", "transition to secondary school"],
        since: (2024, 1),
        shadowing: None,
        confirmed_days_ago: 45,
        ..BLANK
    },
    DemoPerson {
        phone: "01632 960 115",
        base: "Castlewood, Clevedon",
        manager: "Mark Ellis",
        name: "Priya Raman",
        pronouns: "she/her",
        job_title: "Assistant Locality Leader",
        team: 2,
        tags: &["early help assessment", "team around the family"],
        since: (2022, 9),
        shadowing: Some("Shadow a team around the family meeting."),
        confirmed_days_ago: 30,
        ..BLANK
    },
    DemoPerson {
        name: "Tom Baker",
        pronouns: "he/him",
        job_title: "Mental Health Worker",
        team: 2,
        tags: &["low mood in teenagers", "anxiety", "self-harm"],
        since: (2023, 5),
        shadowing: None,
        confirmed_days_ago: 12,
        ..BLANK
    },
    DemoPerson {
        name: "Sarah Lewis",
        pronouns: "she/her",
        job_title: "Parenting Co-ordinator",
        team: 2,
        tags: &["Incredible Years", "Triple P", "parenting groups"],
        since: (2022, 11),
        shadowing: Some("Sit in on a parenting group session."),
        confirmed_days_ago: 60,
        ..BLANK
    },
    DemoPerson {
        name: "Megan Price",
        pronouns: "she/her",
        job_title: "Children's Centre Family Worker",
        team: 3,
        tags: &["under fives", "perinatal mental health", "home visits"],
        since: (2024, 6),
        shadowing: None,
        confirmed_days_ago: 200,
        ..BLANK
    },
    DemoPerson {
        phone: "01632 960 240",
        base: "Drove Road, Weston-super-Mare",
        manager: "Dr Anne Shaw",
        availability: "Part time: Tuesday to Thursday",
        name: "Amira Khan",
        pronouns: "she/her",
        job_title: "Primary Mental Health Worker (CAMHS)",
        team: 4,
        tags: &["CAMHS referrals", "self-harm", "eating disorders"],
        since: (2022, 6),
        shadowing: Some("Shadow a CAMHS choice appointment."),
        confirmed_days_ago: 15,
    },
    DemoPerson {
        name: "Oliver Grant",
        pronouns: "he/him",
        job_title: "CAMHS Clinical Nurse Specialist",
        team: 4,
        tags: &["ADHD", "medication", "young people's crisis plans"],
        since: (2023, 9),
        shadowing: None,
        confirmed_days_ago: 90,
        ..BLANK
    },
    DemoPerson {
        name: "Kwame Mensah",
        pronouns: "he/him",
        job_title: "Youth Offending Team Officer",
        team: 5,
        tags: &[
            "youth justice",
            "out of court disposals",
            "substance misuse",
        ],
        since: (2023, 2),
        shadowing: Some("Join a referral order panel."),
        confirmed_days_ago: 40,
        ..BLANK
    },
    DemoPerson {
        name: "Lucy Fernandes",
        pronouns: "she/her",
        job_title: "Social Worker, Children in Need",
        team: 6,
        tags: &[
            "child in need plans",
            "section 47 enquiries",
            "Think Family",
        ],
        since: (2022, 6),
        shadowing: None,
        confirmed_days_ago: 25,
        ..BLANK
    },
    DemoPerson {
        name: "Rachel Adams",
        pronouns: "she/her",
        job_title: "Senior Practitioner, Children's Social Care",
        team: 6,
        tags: &["child protection conferences", "joint protocol"],
        since: (2022, 6),
        shadowing: Some("Observe a child protection conference."),
        confirmed_days_ago: 300,
        ..BLANK
    },
    DemoPerson {
        name: "James Whitfield",
        pronouns: "he/him",
        job_title: "Psychological Wellbeing Practitioner",
        team: 7,
        tags: &["talking therapies", "self-referral", "anxiety"],
        since: (2024, 2),
        shadowing: None,
        confirmed_days_ago: 10,
        ..BLANK
    },
    DemoPerson {
        name: "Hannah Cole",
        pronouns: "she/her",
        job_title: "Wellness Advisor",
        team: 8,
        tags: &["debt and housing", "social prescribing", "carers"],
        since: (2023, 7),
        shadowing: Some("Spend a morning at a wellness clinic."),
        confirmed_days_ago: 55,
        ..BLANK
    },
    DemoPerson {
        phone: "01632 960 330",
        base: "Bridge House, Weston-super-Mare",
        manager: "Paul Denton",
        name: "Sam Patel",
        pronouns: "they/them",
        job_title: "Community Psychiatric Nurse",
        team: 9,
        tags: &[
            "parents with psychosis",
            "care programme approach",
            "crisis plans",
        ],
        since: (2022, 6),
        shadowing: Some("Shadow a care programme approach review."),
        confirmed_days_ago: 35,
        ..BLANK
    },
    DemoPerson {
        name: "Fiona Walsh",
        pronouns: "she/her",
        job_title: "Mental Health Social Worker",
        team: 9,
        tags: &[
            "Mental Health Act assessments",
            "safeguarding adults",
            "Think Family",
        ],
        since: (2023, 1),
        shadowing: None,
        confirmed_days_ago: 70,
        ..BLANK
    },
    DemoPerson {
        name: "Ben Carter",
        pronouns: "he/him",
        job_title: "Community Psychiatric Nurse",
        team: 10,
        tags: &["bipolar disorder", "medication", "dual diagnosis"],
        since: (2024, 4),
        shadowing: None,
        confirmed_days_ago: 5,
        ..BLANK
    },
    DemoPerson {
        name: "Chloe Morgan",
        pronouns: "she/her",
        job_title: "Mental Health Social Worker",
        team: 10,
        tags: &["approved mental health professional", "young carers"],
        since: (2023, 10),
        shadowing: Some("Shadow a carers' assessment."),
        confirmed_days_ago: 400,
        ..BLANK
    },
    DemoPerson {
        name: "Elena Rossi",
        pronouns: "she/her",
        job_title: "Family Therapist",
        team: 11,
        tags: &[
            "systemic practice",
            "family meetings",
            "whole-family approach",
        ],
        since: (2022, 6),
        shadowing: Some("Observe a family therapy session (with the family's consent)."),
        confirmed_days_ago: 18,
        ..BLANK
    },
    DemoPerson {
        name: "David Osei",
        pronouns: "he/him",
        job_title: "Lead Professional",
        team: 11,
        tags: &["joint working", "care coordination", "information sharing"],
        since: (2023, 4),
        shadowing: None,
        confirmed_days_ago: 50,
        ..BLANK
    },
    DemoPerson {
        name: "Laura Bennett",
        pronouns: "she/her",
        job_title: "Assistant Locality Leader",
        team: 2,
        tags: &["early help", "domestic abuse"],
        since: (2024, 9),
        shadowing: None,
        confirmed_days_ago: 8,
        ..BLANK
    },
];
