"""Adds synthetic people and services to a seeded database for `make bench`: enough profiles
(500) and services (300) to measure the directory and the bank at the size issue 4 names;
and 40 member accounts who have all answered the invitation to the demo series' next
meeting, whose agenda is filled to 30 items with a paper each, and whose id it prints, to
measure that meeting's page at the size issue 13 names.
Usage: python3 .ci/bench-data.py DATABASE_FILE"""

import random
import sqlite3
import sys
from datetime import datetime, timezone

PROFILES, SERVICES, MEMBERS, ITEMS = 500, 300, 40, 30
FIRST = "Alex Bea Cal Dana Eli Fay Gus Hana Ivo Jada Kit Lena Milo Nia Otto Pia Quin Rae Sami Tess".split()
FAMILY = "Ashby Brook Crane Dale Ellis Frost Hale Irving Jones Kemp Lowe Marsh Nash Orme Pike Reed Shaw Tate Vance Wren".split()
TOPICS = ["self-harm", "parenting", "young carers", "ADHD", "anxiety", "housing", "debt",
          "domestic abuse", "substance misuse", "school attendance", "perinatal mental health",
          "psychosis", "eating disorders", "early help", "child protection", "autism"]
WORDS = ["Family", "Support", "Mental", "Health", "Youth", "Parenting", "Wellbeing", "Advice",
         "Outreach", "Recovery", "Carers", "Early", "Help", "Therapy", "Community", "Service"]

def main(path: str) -> None:
    random.seed(42)
    db = sqlite3.connect(path)
    now = datetime.now(timezone.utc).isoformat()
    teams = db.execute("SELECT id, organisation_id, staff_group_id FROM team").fetchall()
    have = db.execute("SELECT count(*) FROM profile").fetchone()[0]
    for n in range(have, PROFILES):
        name = f"{random.choice(FIRST)} {random.choice(FAMILY)}"
        team = random.choice(teams)[0]
        cursor = db.execute(
            "INSERT INTO profile (name, pronouns, job_title, team_id, work_email, phone, base,"
            " supporting_manager, offers_shadowing, shadowing_note, availability, confirmed_at,"
            " updated_at, version) VALUES (?, '', ?, ?, ?, '', '', '', ?, '', '', ?, ?, 1)",
            (name, random.choice(["Social Worker", "Nurse", "Family Worker", "Therapist"]), team,
             f"person{n}@bench.example.org", random.random() < 0.3, now, now))
        for tag in random.sample(TOPICS, 3):
            db.execute("INSERT INTO profile_tag (profile_id, tag) VALUES (?, ?)", (cursor.lastrowid, tag))
    have = db.execute("SELECT count(*) FROM service").fetchone()[0]
    for n in range(have, SERVICES):
        team, organisation, group = random.choice(teams)
        name = " ".join(random.sample(WORDS, 3)) + f" {n}"
        db.execute(
            "INSERT INTO service (name, organisation_id, staff_group_id, team_id, description,"
            " referral_route, status, published, reviewed_at, updated_at, version)"
            " VALUES (?, ?, ?, ?, ?, 'Call the duty worker.', 'active', 1, ?, ?, 1)",
            (name, organisation, group, team, f"{name}: support for families.", now, now))
    meeting = db.execute("SELECT id FROM meeting WHERE date > date('now') ORDER BY date LIMIT 1").fetchone()[0]
    db.execute("UPDATE meeting SET invited_at = ? WHERE id = ?", (now, meeting))
    for n in range(MEMBERS):
        cursor = db.execute(
            "INSERT INTO user_account (email, name, role, status, created_at, updated_at)"
            " VALUES (?, ?, 'champion', 'active', ?, ?)",
            (f"member{n}@bench.example.org", f"{random.choice(FIRST)} {random.choice(FAMILY)}", now, now))
        db.execute(
            "INSERT INTO meeting_invitee (meeting_id, account_id, answer, note, answered_at, invited_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (meeting, cursor.lastrowid, random.choice(["attending", "apologies"]),
             random.choice(["", "On a home visit until 11", "Covering duty that day"]), now, now))
    members = [row[0] for row in db.execute("SELECT id FROM user_account WHERE email LIKE 'member%@bench.example.org'")]
    have = db.execute("SELECT count(*) FROM agenda_item WHERE meeting_id = ? AND status = 'accepted'", (meeting,)).fetchone()[0]
    for n in range(have, ITEMS):
        cursor = db.execute(
            "INSERT INTO agenda_item (meeting_id, status, position, title, kind, presenter_account_id,"
            " minutes, reason, decline_reason, created_at, updated_at)"
            " VALUES (?, 'accepted', ?, ?, 'information-exchange', ?, 5, '', '', ?, ?)",
            (meeting, 100 + n, f"{random.choice(TOPICS).capitalize()}: what changed ({n})",
             random.choice(members), now, now))
        db.execute(
            "INSERT INTO agenda_paper (item_id, title, url, added_at) VALUES (?, ?, ?, ?)",
            (cursor.lastrowid, f"Briefing {n}", f"https://www.example.org/briefings/{n}", now))
    db.commit()
    print(meeting)

if __name__ == "__main__":
    main(sys.argv[1])
