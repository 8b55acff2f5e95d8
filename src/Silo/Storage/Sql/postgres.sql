-- Truora.Orleans schema for PostgreSQL 15 or later.
--
-- This is the project's own schema, written for Truora. It serves the three Orleans ADO.NET
-- providers the silo uses (Invariant "Npgsql"):
--   * clustering  (Orleans.Clustering.AdoNet): OrleansMembershipVersionTable, OrleansMembershipTable
--   * grain state (Orleans.Persistence.AdoNet): OrleansStorage
--   * reminders   (Orleans.Reminders.AdoNet):   OrleansRemindersTable
-- and the project's own tables: the state of the grains written with every message (contacts and
-- conversations), group-committed by the node (truora_grain_state), and the conversations' records,
-- which grow with traffic:
--   * truora_messages (every line of every conversation), truora_conversations (a row per conversation
--     for the list views).
-- The providers read their SQL from OrleansQuery (QueryKey -> QueryText) once at start-up and bind
-- named @parameters; a changed query text needs a silo restart.
--
-- The script is idempotent. SchemaMigrator runs it as one command inside one transaction that
-- holds a PostgreSQL advisory lock, so nodes starting together apply it one after another.
-- It has no transaction control of its own and no stored functions.
-- Times are timestamptz (Orleans sends UTC). Reminder periods are milliseconds (bigint).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- Clustering ---------------------------------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterId). Version is the membership table version, bumped
-- by every membership insert or update.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    ModifiedOn   timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT OrleansMembershipVersionTable_Key PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation). Status follows Orleans SiloStatus
-- (3 = Active, 6 = Dead). SuspectTimes is the provider's own "silo,time|silo,time" text.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(255) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL DEFAULT 0,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT OrleansMembershipTable_Key PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Grain state --------------------------------------------------------------------------------

-- One row per grain state. GrainTypeString carries the state name; a string grain key lands in
-- GrainIdExtensionString with N0 = N1 = 0. The unique key on the row identity makes two concurrent
-- first writes of the same state collide (the loser gets a version conflict) instead of
-- duplicating the row; NULLS NOT DISTINCT because the extension string may be null.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(256) NOT NULL,
    GrainIdExtensionString varchar(400) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,
    CONSTRAINT OrleansStorage_Identity UNIQUE NULLS NOT DISTINCT
        (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId)
);

-- Per-message grain state ----------------------------------------------------------------------

-- Contacts' and conversations' state (Orleans' binary form), read and written in batches by the
-- node's own provider; version is the ETag. Other grains' state is in OrleansStorage.
CREATE TABLE IF NOT EXISTS truora_grain_state
(
    service_id text COLLATE "C" NOT NULL,
    grain_id   text COLLATE "C" NOT NULL,
    state_name text COLLATE "C" NOT NULL,
    version    integer NOT NULL,
    payload    bytea   NOT NULL,
    CONSTRAINT truora_grain_state_key PRIMARY KEY (service_id, grain_id, state_name)
);

-- Conversation records ------------------------------------------------------------------------

-- Ids compare as bytes (COLLATE "C"), the order the lists page by on every node and in memory mode.
-- A conversation's row is rewritten with each change; its list views read it by keyset, newest
-- activity first, then id: all of a tenant's, one owner's, or those waiting.
CREATE TABLE IF NOT EXISTS truora_conversations
(
    tenant_id            text COLLATE "C" NOT NULL,
    conversation_id      text COLLATE "C" NOT NULL,
    contact_phone        text        NOT NULL,
    contact_name         text        NULL,
    status               smallint    NOT NULL, -- 0 waiting, 1 assigned, 2 closed, 3 finished
    owner_id             text COLLATE "C" NULL,
    group_id             text COLLATE "C" NULL,
    opened_at            timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    last_message_at      timestamptz NOT NULL,
    closed_reason        smallint    NULL,     -- 1 agent, 2 expired
    closed_at            timestamptz NULL,
    last_user_message_at timestamptz NULL,
    owned_since          timestamptz NULL,
    CONSTRAINT truora_conversations_key PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX IF NOT EXISTS truora_conversations_by_activity
    ON truora_conversations (tenant_id, last_message_at DESC, conversation_id DESC);
CREATE INDEX IF NOT EXISTS truora_conversations_by_owner
    ON truora_conversations (tenant_id, owner_id, last_message_at DESC, conversation_id DESC) WHERE owner_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS truora_conversations_waiting
    ON truora_conversations (tenant_id, last_message_at DESC, conversation_id DESC) WHERE status = 0;

-- Append-only but for delivery states. A message received or sent in the conversation has an id
-- unique in its tenant: a retried webhook's insert finds it and does nothing, on any node. Lines
-- copied from the contact's log at a hand-off (transcribed) may repeat an id and are not unique.
CREATE TABLE IF NOT EXISTS truora_messages
(
    tenant_id       text COLLATE "C" NOT NULL,
    conversation_id text COLLATE "C" NOT NULL,
    seq             integer     NOT NULL,
    sender          smallint    NOT NULL, -- 0 user, 1 bot, 2 agent, 3 system
    body            text        NOT NULL,
    sent_at         timestamptz NOT NULL,
    block_id        text        NULL,
    agent_id        text        NULL,
    delivery        smallint    NULL,     -- 0 pending, 1 sent, 2 failed, 3 delivered, 4 read
    message_id      text COLLATE "C" NULL,
    transcribed     boolean     NOT NULL,
    CONSTRAINT truora_messages_key PRIMARY KEY (tenant_id, conversation_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS truora_messages_once
    ON truora_messages (tenant_id, message_id) WHERE message_id IS NOT NULL AND NOT transcribed;

-- Reminders ----------------------------------------------------------------------------------

-- GrainId is the grain id's string form; keep grain keys short (150 characters at most).
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    CONSTRAINT OrleansRemindersTable_Key PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS OrleansRemindersTable_ServiceHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Queries ------------------------------------------------------------------------------------
-- One statement per query text. Result columns are matched by name (case-insensitively).
-- Queries that answer a bool or a version build their answer so that exactly one row comes back.

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- Clustering: every query takes @DeploymentId.

-- Creates the cluster's version row if missing; true when this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId, ModifiedOn, Version)
    VALUES (@DeploymentId, now(), 0)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS Created;
$q$),

-- Always at least one row: the table version, with the member columns null when there are no
-- members (or version 0 when the cluster has no version row yet).
('MembershipReadAllKey', $q$
SELECT COALESCE(v.Version, 0) AS Version,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM (SELECT @DeploymentId AS DeploymentId) AS k
LEFT JOIN OrleansMembershipVersionTable AS v ON v.DeploymentId = k.DeploymentId
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = k.DeploymentId;
$q$),

-- The same shape for one silo: one row, member columns null when the silo has no row.
('MembershipReadRowKey', $q$
SELECT COALESCE(v.Version, 0) AS Version,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM (SELECT @DeploymentId AS DeploymentId) AS k
LEFT JOIN OrleansMembershipVersionTable AS v ON v.DeploymentId = k.DeploymentId
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = k.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation;
$q$),

-- Inserts a silo and bumps the table version, both only when the stored version is @Version and
-- the silo has no row yet; true when inserted. The version row is locked first, so concurrent
-- membership writes of a cluster serialise on it.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1, ModifiedOn = now()
    WHERE v.DeploymentId = @DeploymentId
      AND v.Version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM OrleansMembershipTable AS m
          WHERE m.DeploymentId = @DeploymentId
            AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId
), inserted AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT b.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped AS b
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted) AS Inserted;
$q$),

-- Updates a silo and bumps the table version, both only when the stored version is @Version and
-- the silo has a row; true when updated.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1, ModifiedOn = now()
    WHERE v.DeploymentId = @DeploymentId
      AND v.Version = @Version
      AND EXISTS (
          SELECT 1 FROM OrleansMembershipTable AS m
          WHERE m.DeploymentId = @DeploymentId
            AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId
), updated AS (
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped AS b
    WHERE m.DeploymentId = b.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated) AS Updated;
$q$),

-- Heartbeat: no version check, no version bump.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId
  AND Address = @Address AND Port = @Port AND Generation = @Generation;
$q$),

('DeleteMembershipTableEntriesKey', $q$
WITH members AS (
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId
)
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Called periodically (hourly by default): drops dead silos last seen before @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND IAmAliveTime < @IAmAliveTime
  AND Status = 6;
$q$),

-- Gateways for clients: @Status is 3 (Active).
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0;
$q$),

-- Reminders: every query takes @ServiceId. Hashes are signed 32-bit integers.

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
$q$),

-- Used when @BeginHash < @EndHash.
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$q$),

-- Used otherwise: the range wraps around the ring (equal hashes mean the whole ring).
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- Inserts with version 0 or replaces and bumps the version; answers the new Version.
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = EXCLUDED.StartTime,
    Period = EXCLUDED.Period,
    GrainHash = EXCLUDED.GrainHash,
    Version = r.Version + 1
RETURNING r.Version AS Version;
$q$),

-- True when deleted; false when missing or @Version is stale.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted) AS Deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$),

-- Grain state: every query takes the row identity @GrainIdHash, @GrainIdN0, @GrainIdN1,
-- @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString (may be null) and @ServiceId.

-- Zero or one row. A cleared state reads as a null payload with its version.
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId;
$q$),

-- Exactly one row, NewGrainStateVersion: the new version, or NULL on a version conflict.
-- A null @GrainStateVersion is a first write (insert at version 1; a row already there, including
-- one a concurrent first write just committed, is a conflict); otherwise the row must still be at
-- @GrainStateVersion.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
    RETURNING Version
), inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
           @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted LIMIT 1) AS NewGrainStateVersion;
$q$),

-- Keeps the row with a null payload and a bumped version; one row, NULL on a version conflict.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
    WHERE Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
    RETURNING Version
)
SELECT (SELECT Version FROM cleared) AS NewGrainStateVersion;
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set: removes the row and answers the
-- deleted version + 1 (the provider then forgets the ETag); NULL on a version conflict.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM OrleansStorage
    WHERE Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
    RETURNING Version
)
SELECT (SELECT Version + 1 FROM deleted) AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
