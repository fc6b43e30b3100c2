"""The store's tables, as forward migrations: version N is reached by running steps 1..N once."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles and what extraction finds in them, per the SPEC's contract.
    """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,            -- first 16 hex digits of content_hash
        content_hash VARCHAR NOT NULL UNIQUE,
        doc_id VARCHAR,
        source VARCHAR NOT NULL,
        title VARCHAR,
        url VARCHAR,
        outlet VARCHAR,
        published DATE,
        language VARCHAR,
        text VARCHAR NOT NULL,
        duplicate_of VARCHAR,              -- the original this near-copy re-publishes
        minhash BLOB,
        extraction VARCHAR NOT NULL,       -- done / skipped: <why> / failed: <why>
        ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE actors (
        article_id VARCHAR NOT NULL,
        actor_id VARCHAR NOT NULL,
        name VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        PRIMARY KEY (article_id, actor_id)
    );
    CREATE TABLE actor_mentions (
        article_id VARCHAR NOT NULL,
        actor_id VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text VARCHAR
    );
    CREATE TABLE places (
        article_id VARCHAR NOT NULL,
        text VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        geonameid BIGINT,
        name VARCHAR,
        country VARCHAR,
        admin1 VARCHAR,
        feature VARCHAR,
        lat DOUBLE,
        lon DOUBLE
    );
    CREATE SEQUENCE event_ids START 1;
    CREATE TABLE events (
        id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'),
        article_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR,
        status VARCHAR NOT NULL,
        source_id VARCHAR, source_name VARCHAR, source_text VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        target_id VARCHAR, target_name VARCHAR, target_text VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        place_text VARCHAR, place_name VARCHAR, place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_geonameid BIGINT,
        date_value VARCHAR,
        date_text VARCHAR,
        fatalities INTEGER,
        sentence_start INTEGER, sentence_end INTEGER, sentence_text VARCHAR,
        trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
        confidence DOUBLE
    );
    CREATE TABLE quotes (
        article_id VARCHAR NOT NULL,
        text VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        speaker_text VARCHAR,
        speaker_name VARCHAR,
        speaker_actor_id VARCHAR
    );
    CREATE TABLE quantities (
        article_id VARCHAR NOT NULL,
        text VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        value DOUBLE,
        high DOUBLE,
        unit VARCHAR,
        about VARCHAR
    );
    CREATE SEQUENCE ingest_error_ids START 1;
    CREATE TABLE ingest_errors (
        id BIGINT PRIMARY KEY DEFAULT nextval('ingest_error_ids'),
        source VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        failed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    """,
    # 2: the filters an analyst uses most.
    """
    CREATE INDEX events_article ON events (article_id);
    CREATE INDEX events_type ON events (type);
    CREATE INDEX actors_article ON actors (article_id);
    """,
    # 3: what the REST API filters, sorts and buckets on, kept as columns so that a query over
    # millions of events compares stored values instead of recomputing them per row.
    #   place_admin1: the first-level area of the event's place (from the article's places).
    #   day: the event's date, else the article's publication date; a date known only to the
    #        month or year counts as its first day.
    # No new ART indexes: DuckDB uses them only for very selective point lookups, while every
    # one slows each insert; its min-max zone maps already skip row groups on `day`.
    """
    ALTER TABLE events ADD COLUMN place_admin1 VARCHAR;
    ALTER TABLE events ADD COLUMN day DATE;
    UPDATE events SET place_admin1 = (
        SELECT min(p.admin1) FROM places p
        WHERE p.article_id = events.article_id
          AND (p.geonameid = events.place_geonameid
               OR (events.place_geonameid IS NULL AND p.geonameid IS NULL
                   AND p.name = events.place_name AND p.country IS NOT DISTINCT FROM events.place_country))
    ) WHERE place_name IS NOT NULL;
    UPDATE events SET day = coalesce(
        try_cast(CASE length(date_value) WHEN 4 THEN date_value || '-01-01'
                                         WHEN 7 THEN date_value || '-01'
                                         ELSE date_value END AS DATE),
        (SELECT a.published FROM articles a WHERE a.id = events.article_id)
    );
    """,
    # 4: fusion. A fused event is one real-world event told by one or more mentions (rows of
    # `events`, which stay the mention level). Its id is the id of the mention that founded it,
    # so it never changes as mentions join. No ART indexes: fusion rewrites these rows, and
    # DuckDB's zone maps serve the lookups. Its event columns have the names of `events`' own
    # (the representative mention's sentence, trigger and article; the most precise place and
    # date; the toll), so the same filters and sorts run over both levels.
    #   fused_mentions: which fused event each mention is in, and the mention it was matched to.
    #   fused_factors: the comparison that joined it, one row a factor (level and match weight).
    """
    CREATE TABLE fused_events (
        id BIGINT NOT NULL,      -- the founding mention's events.id
        article_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR,
        status VARCHAR NOT NULL,
        source_id VARCHAR, source_name VARCHAR, source_text VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        target_id VARCHAR, target_name VARCHAR, target_text VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        place_text VARCHAR, place_name VARCHAR, place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_geonameid BIGINT,
        date_value VARCHAR,
        date_text VARCHAR,
        fatalities INTEGER,
        sentence_start INTEGER, sentence_end INTEGER, sentence_text VARCHAR,
        trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
        confidence DOUBLE,
        place_admin1 VARCHAR,
        day DATE,
        num_mentions INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        first_reported DATE,
        last_reported DATE,
        corroboration VARCHAR NOT NULL,      -- single_source / multiple_sources / contradicted
        fatalities_low INTEGER,
        fatalities_high INTEGER,
        fatalities_contradicted BOOLEAN NOT NULL,
        status_counts VARCHAR                -- JSON {status: mentions}
    );
    CREATE TABLE fused_mentions (
        mention_id BIGINT NOT NULL,          -- events.id
        fused_id BIGINT NOT NULL,            -- fused_events.id
        matched_id BIGINT,                   -- the mention it was matched to; NULL for the founder
        score DOUBLE
    );
    CREATE TABLE fused_factors (
        mention_id BIGINT NOT NULL,
        factor VARCHAR NOT NULL,
        level VARCHAR NOT NULL,
        weight DOUBLE NOT NULL               -- -inf: incompatible (never stored for a joined pair)
    );
    """,
    # 5: what an analyst needs to trust an event: background (dated over a year before the
    # article: history it recalls, not news), the party whose claim it is, and generic actors
    # ("soldiers", "villagers": a kind, not a named actor), which the network and the actor list
    # leave out by default.
    """
    ALTER TABLE events ADD COLUMN background BOOLEAN DEFAULT false;
    ALTER TABLE events ADD COLUMN claimed_by VARCHAR;       -- the claiming actor, as the contract's JSON
    ALTER TABLE events ADD COLUMN source_generic BOOLEAN DEFAULT false;
    ALTER TABLE events ADD COLUMN target_generic BOOLEAN DEFAULT false;
    ALTER TABLE fused_events ADD COLUMN background BOOLEAN DEFAULT false;
    ALTER TABLE fused_events ADD COLUMN claimed_by VARCHAR;
    ALTER TABLE fused_events ADD COLUMN source_generic BOOLEAN DEFAULT false;
    ALTER TABLE fused_events ADD COLUMN target_generic BOOLEAN DEFAULT false;
    ALTER TABLE actors ADD COLUMN generic BOOLEAN DEFAULT false;
    """,
    # 6: keys the API looks rows up by. A page of events is found by a top-n over the filtered
    # table, then its rows, their mentions, articles, factors and spans are fetched by key: these
    # indexes make each of those a lookup instead of a scan of millions of rows (BENCHMARKS.md,
    # "The API under load"). Non-unique, so fusion may delete and re-insert a fused event's row.
    """
    CREATE INDEX fused_events_id ON fused_events (id);
    CREATE INDEX fused_mentions_fused ON fused_mentions (fused_id);
    CREATE INDEX fused_mentions_mention ON fused_mentions (mention_id);
    CREATE INDEX fused_factors_mention ON fused_factors (mention_id);
    CREATE INDEX actor_mentions_article ON actor_mentions (article_id);
    CREATE INDEX places_article ON places (article_id);
    """,
    # 7: the outlets (lower case) of every mention of a fused event, kept with the event, so that
    # the outlet filter ("any of its mentions") reads one column instead of joining the
    # mentions and their articles for every event.
    """
    ALTER TABLE fused_events ADD COLUMN outlets VARCHAR[];
    UPDATE fused_events SET outlets = told.outlets
    FROM (SELECT fm.fused_id, list_sort(list_distinct(list(lower(a.outlet)))) AS outlets
          FROM fused_mentions fm JOIN events m ON m.id = fm.mention_id JOIN articles a ON a.id = m.article_id
          WHERE a.outlet IS NOT NULL GROUP BY fm.fused_id) told
    WHERE told.fused_id = fused_events.id;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
