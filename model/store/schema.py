"""The database schema as a chain of migrations; `PRAGMA user_version` says how far
a database has come. New databases run the same chain as old ones."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the whole session, one table per list of the session file.
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        partnership TEXT NOT NULL DEFAULT '',
        date TEXT,
        facilitator TEXT NOT NULL DEFAULT '',
        venue TEXT NOT NULL DEFAULT '',
        purpose TEXT NOT NULL DEFAULT '',
        in_charge TEXT NOT NULL DEFAULT '',
        added_value TEXT NOT NULL DEFAULT '',
        agreed_now_collaboration TEXT,
        agreed_now_function TEXT,
        agreed_needed_collaboration TEXT,
        agreed_needed_function TEXT,
        rationale TEXT NOT NULL DEFAULT '',
        demo INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE organisations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (session_id, name)
    );
    CREATE TABLE stakeholder_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        colour TEXT,
        UNIQUE (session_id, name)
    );
    CREATE TABLE participants (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
        group_id INTEGER REFERENCES stakeholder_groups(id) ON DELETE SET NULL,
        tier INTEGER CHECK (tier IN (1, 2, 3)),
        present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1))
    );
    CREATE TABLE obstacles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        library TEXT NOT NULL CHECK (library IN ('box1', 'difficulties', 'custom')),
        factor TEXT CHECK (factor IN ('justification', 'governance', 'performance')),
        rating INTEGER CHECK (rating IN (0, 1, 2, 3)),
        votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
        notes TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL DEFAULT '',
        hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
    );
    CREATE TABLE placements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        by TEXT NOT NULL,
        horizon TEXT NOT NULL CHECK (horizon IN ('now', 'needed')),
        collaboration TEXT NOT NULL
            CHECK (collaboration IN ('co-operation', 'co-ordination', 'integration')),
        function TEXT NOT NULL CHECK (function IN ('strategic', 'commissioning', 'delivery')),
        UNIQUE (session_id, by, horizon)
    );
    CREATE TABLE perception_rows (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        section TEXT NOT NULL CHECK (section IN ('quality-of-life', 'governance')),
        label TEXT NOT NULL,
        UNIQUE (session_id, label)
    );
    CREATE TABLE scores (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        row_id INTEGER NOT NULL REFERENCES perception_rows(id) ON DELETE CASCADE,
        group_id INTEGER NOT NULL REFERENCES stakeholder_groups(id) ON DELETE CASCADE,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        UNIQUE (row_id, group_id)
    );
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        due TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        obstacle_id INTEGER REFERENCES obstacles(id) ON DELETE SET NULL
    );
    CREATE INDEX organisations_session ON organisations(session_id, position);
    CREATE INDEX stakeholder_groups_session ON stakeholder_groups(session_id, position);
    CREATE INDEX participants_session ON participants(session_id, position);
    CREATE INDEX participants_organisation ON participants(organisation_id);
    CREATE INDEX participants_group ON participants(group_id);
    CREATE INDEX obstacles_session ON obstacles(session_id, position);
    CREATE INDEX perception_rows_session ON perception_rows(session_id, position);
    CREATE INDEX scores_session ON scores(session_id);
    CREATE INDEX scores_group ON scores(group_id);
    CREATE INDEX actions_session ON actions(session_id, position);
    CREATE INDEX actions_obstacle ON actions(obstacle_id);
    """,
    # 2: the room. Who answered from a phone (or on the laptop, from a paper card), and
    # each answer. An answer names its item by id in `item` (a perception row, an
    # obstacle, a typology horizon) with no foreign key, so deleting a row and undoing
    # that leaves the room's answers to it where they were.
    """
    ALTER TABLE sessions ADD COLUMN anonymity_floor INTEGER NOT NULL DEFAULT 3
        CHECK (anonymity_floor BETWEEN 1 AND 99);
    CREATE TABLE respondents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        group_id INTEGER REFERENCES stakeholder_groups(id) ON DELETE SET NULL,
        via TEXT NOT NULL CHECK (via IN ('phone', 'laptop')),
        token_hash TEXT UNIQUE,
        joined_at TEXT NOT NULL
    );
    CREATE TABLE responses (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        respondent_id INTEGER NOT NULL REFERENCES respondents(id) ON DELETE CASCADE,
        exercise TEXT NOT NULL CHECK (exercise IN ('perception', 'obstacles', 'typology')),
        item TEXT NOT NULL,
        value TEXT NOT NULL,
        UNIQUE (respondent_id, exercise, item)
    );
    CREATE INDEX respondents_session ON respondents(session_id);
    CREATE INDEX respondents_participant ON respondents(participant_id);
    CREATE UNIQUE INDEX respondents_participant_once ON respondents(session_id, participant_id)
        WHERE participant_id IS NOT NULL;
    CREATE INDEX respondents_group ON respondents(group_id);
    CREATE INDEX responses_session ON responses(session_id);
    """,
    # 3: a partnership's reviews. `uid` names a session wherever it travels (session
    # files carry it; the row id is this database's own); `review_of` is the uid of the
    # review this one re-runs. No foreign key: the earlier review may be on another
    # laptop, or deleted, and the link still says what it was. A session gets its uid
    # when it is first re-run (or from its file), not before: a file without one then
    # exports exactly as it was imported.
    """
    ALTER TABLE sessions ADD COLUMN uid TEXT;
    ALTER TABLE sessions ADD COLUMN review_of TEXT;
    CREATE UNIQUE INDEX sessions_uid ON sessions(uid);
    CREATE INDEX sessions_review_of ON sessions(review_of);
    """,
    # 4: Box 2's accountability processes (Matrix 2004), rated in place / partly /
    # absent (the app's own scale) with an owner and a date; an action made from a gap
    # links back to its item. And the steps a session runs: the exercises that are on,
    # by name, space-separated (set-up and summary always are). Existing sessions keep
    # the three exercises they had; Box 2 starts off.
    """
    CREATE TABLE accountability (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        library TEXT NOT NULL DEFAULT 'box2' CHECK (library IN ('box2')),
        rating TEXT CHECK (rating IN ('in-place', 'partly', 'absent')),
        owner TEXT NOT NULL DEFAULT '',
        due TEXT,
        action TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX accountability_session ON accountability(session_id, position);
    ALTER TABLE actions ADD COLUMN accountability_id INTEGER
        REFERENCES accountability(id) ON DELETE SET NULL;
    CREATE INDEX actions_accountability ON actions(accountability_id);
    ALTER TABLE sessions ADD COLUMN steps TEXT NOT NULL
        DEFAULT 'obstacles typology perception';
    """,
    # 5: the perception grid's gap threshold belongs to the session, so every PDF of it
    # (the window's, `export --pdf`, another laptop's) flags the same rows. It was a
    # per-user setting before; an existing session starts at the default 3.
    """
    ALTER TABLE sessions ADD COLUMN gap_threshold INTEGER NOT NULL DEFAULT 3
        CHECK (gap_threshold BETWEEN 1 AND 4);
    """,
    # 6: the "sharing" acid test (Bovaird 2009): for each partner body, whether it shares
    # services, expertise, knowledge, resources and risk (the seed's words; yes/no is
    # the app's own marking), why not, and what would change it (the app's questions).
    # One row per partner body, made on the board's first edit of it; deleting the
    # partner body deletes its row (recorded first, so undo restores both).
    """
    CREATE TABLE sharing (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        organisation_id INTEGER NOT NULL UNIQUE
            REFERENCES organisations(id) ON DELETE CASCADE,
        services INTEGER NOT NULL DEFAULT 0 CHECK (services IN (0, 1)),
        expertise INTEGER NOT NULL DEFAULT 0 CHECK (expertise IN (0, 1)),
        knowledge INTEGER NOT NULL DEFAULT 0 CHECK (knowledge IN (0, 1)),
        resources INTEGER NOT NULL DEFAULT 0 CHECK (resources IN (0, 1)),
        risk INTEGER NOT NULL DEFAULT 0 CHECK (risk IN (0, 1)),
        why_not TEXT NOT NULL DEFAULT '',
        would_change TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sharing_session ON sharing(session_id);
    """,
    # 7: a typology placement names who placed it by id (a participant, or a stakeholder
    # group when the session places by groups), not by the label shown for them: deleting
    # participant 2 renumbers "Participant 3" and renaming someone changes their label,
    # and their placements now stay theirs. Deleting the placer deletes their placements
    # (recorded first, so undo restores both). Each old row is matched by its label: a
    # participant's name, or "Participant N" (N its place in the list) for a blank name,
    # or else a group's name. A row that matches neither (a session file naming someone
    # not in the session) is kept, as before, with its label in `by` and no placer: it is
    # counted and shown as it always was, and a session file gets it back unchanged. So
    # `by` is set exactly when neither id is. The table is rebuilt (SQLite cannot add a
    # foreign key to a table); row ids and the id sequence are kept.
    """
    CREATE TABLE placements_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
        group_id INTEGER REFERENCES stakeholder_groups(id) ON DELETE CASCADE,
        by TEXT,
        horizon TEXT NOT NULL CHECK (horizon IN ('now', 'needed')),
        collaboration TEXT NOT NULL
            CHECK (collaboration IN ('co-operation', 'co-ordination', 'integration')),
        function TEXT NOT NULL CHECK (function IN ('strategic', 'commissioning', 'delivery')),
        CHECK ((participant_id IS NOT NULL) + (group_id IS NOT NULL) + (by IS NOT NULL) = 1)
    );
    INSERT INTO placements_new
        (id, session_id, participant_id, group_id, by, horizon, collaboration, function)
    WITH labelled AS (
        SELECT id, session_id,
               CASE WHEN name = '' THEN 'Participant ' || row_number() OVER (
                        PARTITION BY session_id ORDER BY position, id)
                    ELSE name END AS label,
               row_number() OVER (PARTITION BY session_id ORDER BY position, id) AS n
        FROM participants
    ),
    matched AS (
        SELECT p.*,
               (SELECT l.id FROM labelled l WHERE l.session_id = p.session_id
                AND l.label = p.by ORDER BY l.n LIMIT 1) AS participant,
               (SELECT g.id FROM stakeholder_groups g WHERE g.session_id = p.session_id
                AND g.name = p.by) AS grp
        FROM placements p
    )
    SELECT id, session_id, participant,
           CASE WHEN participant IS NULL THEN grp END,
           CASE WHEN participant IS NULL AND grp IS NULL THEN by END,
           horizon, collaboration, function
    FROM matched ORDER BY id;
    UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE(
        (SELECT seq FROM sqlite_sequence WHERE name = 'placements'), 0))
        WHERE name = 'placements_new';
    DROP TABLE placements;
    ALTER TABLE placements_new RENAME TO placements;
    CREATE INDEX placements_session ON placements(session_id);
    CREATE UNIQUE INDEX placements_participant ON placements(participant_id, horizon)
        WHERE participant_id IS NOT NULL;
    CREATE UNIQUE INDEX placements_group ON placements(group_id, horizon)
        WHERE group_id IS NOT NULL;
    CREATE UNIQUE INDEX placements_unplaced ON placements(session_id, by, horizon)
        WHERE by IS NOT NULL;
    """,
    # 8: value for money (issue 16; Strachan c. 2005, Audit Commission 2005): what each
    # partner body puts in (staff hours a month for meetings and their administration,
    # money a year in pounds, other inputs), keyed by organisation like the sharing
    # test's rows (deleted with the partner body, recorded first so undo restores
    # both); and one row per session for the outputs, outcomes, the board's verdict
    # and why, and the complaints route and how clear it is (the verdicts and marks are
    # the app's own). Each row is made on the board's first edit of it. A number not
    # recorded is NULL, not 0.
    """
    CREATE TABLE value_inputs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        organisation_id INTEGER NOT NULL UNIQUE
            REFERENCES organisations(id) ON DELETE CASCADE,
        hours_a_month INTEGER CHECK (hours_a_month BETWEEN 0 AND 100000),
        money_a_year INTEGER CHECK (money_a_year BETWEEN 0 AND 10000000000),
        other TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX value_inputs_session ON value_inputs(session_id);
    CREATE TABLE value_for_money (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
        outputs TEXT NOT NULL DEFAULT '',
        outcomes TEXT NOT NULL DEFAULT '',
        verdict TEXT CHECK (verdict IN ('adds-value', 'costs-more', 'not-known')),
        verdict_why TEXT NOT NULL DEFAULT '',
        complaints_to TEXT NOT NULL DEFAULT '',
        redress TEXT CHECK (redress IN ('clear', 'unclear', 'none'))
    );
    """,
    # 9: the three-layer framework (Audit Commission 2009): for each of its layers
    # (strategic, executive, operational) the body or group that works there, the
    # board's mark (missing, duplicated: the app's own) and a note; one row per layer,
    # made on the board's first edit of it. And who holds each partner body's seat on
    # the strategic decision-making group (Matrix 2004): a row per partner body once
    # recorded ("not recorded" is no row); deleting the partner body deletes its row
    # (recorded first, so undo restores both).
    """
    CREATE TABLE layers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        layer TEXT NOT NULL CHECK (layer IN ('strategic', 'executive', 'operational')),
        body TEXT NOT NULL DEFAULT '',
        mark TEXT CHECK (mark IN ('missing', 'duplicated')),
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (session_id, layer)
    );
    CREATE TABLE layer_seats (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        organisation_id INTEGER NOT NULL UNIQUE
            REFERENCES organisations(id) ON DELETE CASCADE,
        seat TEXT NOT NULL CHECK (seat IN ('first-tier', 'second-tier', 'other', 'none'))
    );
    CREATE INDEX layer_seats_session ON layer_seats(session_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# Which rows point at a row of a table, and what deleting it does to them. An edit that
# deletes a row records these dependants first, so that undo can put them all back.
DEPENDANTS: dict[str, list[tuple[str, str, str]]] = {
    "organisations": [("participants", "organisation_id", "set null"),
                      ("sharing", "organisation_id", "cascade"),
                      ("value_inputs", "organisation_id", "cascade"),
                      ("layer_seats", "organisation_id", "cascade")],
    "stakeholder_groups": [("participants", "group_id", "set null"),
                           ("scores", "group_id", "cascade"),
                           ("respondents", "group_id", "set null"),
                           ("placements", "group_id", "cascade")],
    "participants": [("respondents", "participant_id", "set null"),
                     ("placements", "participant_id", "cascade")],
    "perception_rows": [("scores", "row_id", "cascade")],
    "obstacles": [("actions", "obstacle_id", "set null")],
    "accountability": [("actions", "accountability_id", "set null")],
}

# The session's lists that keep an order of their own.
ORDERED_TABLES = ("organisations", "stakeholder_groups", "participants", "obstacles",
                  "perception_rows", "actions", "accountability")
