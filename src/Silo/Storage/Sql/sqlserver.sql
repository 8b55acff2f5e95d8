-- Truora.Orleans schema for SQL Server (Microsoft.Data.SqlClient).
--
-- This is the project's own schema, written for Truora. It serves the three Orleans ADO.NET
-- providers the silo uses (Invariant "Microsoft.Data.SqlClient"):
--   * clustering  (Orleans.Clustering.AdoNet): OrleansMembershipVersionTable, OrleansMembershipTable
--   * grain state (Orleans.Persistence.AdoNet): OrleansStorage
--   * reminders   (Orleans.Reminders.AdoNet):   OrleansRemindersTable
-- The providers read their SQL from OrleansQuery (QueryKey -> QueryText) once at start-up and bind
-- named @parameters; a changed query text needs a silo restart. The query keys are the same as in
-- postgres.sql.
--
-- The script is idempotent. SchemaMigrator splits it into batches on lines holding only GO and
-- runs them in one transaction that holds an application lock (sp_getapplock). The schema
-- batches have no transaction control of their own. Times are datetime2(3) in UTC; reminder
-- periods are milliseconds (bigint).
-- Query texts hold no single quotes, so they sit in N'...' literals unchanged.

IF OBJECT_ID(N'OrleansQuery', N'U') IS NULL
BEGIN
    CREATE TABLE OrleansQuery
    (
        QueryKey  nvarchar(64)  NOT NULL,
        QueryText nvarchar(max) NOT NULL,
        CONSTRAINT PK_OrleansQuery PRIMARY KEY CLUSTERED (QueryKey)
    );
END
GO

-- Clustering ---------------------------------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterId). Version is the membership table version, bumped
-- by every membership insert or update.
IF OBJECT_ID(N'OrleansMembershipVersionTable', N'U') IS NULL
BEGIN
    CREATE TABLE OrleansMembershipVersionTable
    (
        DeploymentId nvarchar(150) NOT NULL,
        ModifiedOn   datetime2(3)  NOT NULL CONSTRAINT DF_OrleansMembershipVersionTable_ModifiedOn DEFAULT SYSUTCDATETIME(),
        Version      int           NOT NULL CONSTRAINT DF_OrleansMembershipVersionTable_Version DEFAULT 0,
        CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY CLUSTERED (DeploymentId)
    );
END
GO

-- One row per silo incarnation (address, port, generation). Status follows Orleans SiloStatus
-- (3 = Active, 6 = Dead). SuspectTimes is the provider's own "silo,time|silo,time" text.
IF OBJECT_ID(N'OrleansMembershipTable', N'U') IS NULL
BEGIN
    CREATE TABLE OrleansMembershipTable
    (
        DeploymentId nvarchar(150) NOT NULL,
        Address      nvarchar(45)  NOT NULL,
        Port         int           NOT NULL,
        Generation   int           NOT NULL,
        SiloName     nvarchar(150) NOT NULL,
        HostName     nvarchar(255) NOT NULL,
        Status       int           NOT NULL,
        ProxyPort    int           NOT NULL CONSTRAINT DF_OrleansMembershipTable_ProxyPort DEFAULT 0,
        SuspectTimes nvarchar(max) NULL,
        StartTime    datetime2(3)  NOT NULL,
        IAmAliveTime datetime2(3)  NOT NULL,
        CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY CLUSTERED (DeploymentId, Address, Port, Generation),
        CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
            REFERENCES OrleansMembershipVersionTable (DeploymentId)
    );
END
GO

-- Grain state --------------------------------------------------------------------------------

-- One row per grain state. GrainTypeString carries the state name; a string grain key lands in
-- GrainIdExtensionString with N0 = N1 = 0. The unique key on the row identity makes two concurrent
-- first writes of the same state collide instead of duplicating the row (SQL Server unique keys
-- already treat NULLs as equal). Its key is at most 1636 bytes, under the 1700-byte limit.
IF OBJECT_ID(N'OrleansStorage', N'U') IS NULL
BEGIN
    CREATE TABLE OrleansStorage
    (
        GrainIdHash            int            NOT NULL,
        GrainIdN0              bigint         NOT NULL,
        GrainIdN1              bigint         NOT NULL,
        GrainTypeHash          int            NOT NULL,
        GrainTypeString        nvarchar(256)  NOT NULL,
        GrainIdExtensionString nvarchar(400)  NULL,
        ServiceId              nvarchar(150)  NOT NULL,
        PayloadBinary          varbinary(max) NULL,
        ModifiedOn             datetime2(3)   NOT NULL CONSTRAINT DF_OrleansStorage_ModifiedOn DEFAULT SYSUTCDATETIME(),
        Version                int            NOT NULL,
        CONSTRAINT UQ_OrleansStorage_Identity UNIQUE NONCLUSTERED
            (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId)
    );
    CREATE CLUSTERED INDEX IX_OrleansStorage_Hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);
END
GO

-- Conversation records ------------------------------------------------------------------------

-- The conversations' own tables (see postgres.sql): ids are binary-collated so lists page in
-- ordinal order; times are datetimeoffset(6), the microseconds the grains keep.
IF OBJECT_ID(N'truora_conversations', N'U') IS NULL
BEGIN
    CREATE TABLE truora_conversations
    (
        tenant_id            nvarchar(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
        conversation_id      nvarchar(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
        contact_phone        nvarchar(32)  NOT NULL,
        contact_name         nvarchar(512) NULL,
        status               smallint      NOT NULL,
        owner_id             nvarchar(150) COLLATE Latin1_General_100_BIN2 NULL,
        group_id             nvarchar(150) COLLATE Latin1_General_100_BIN2 NULL,
        opened_at            datetimeoffset(6) NOT NULL,
        expires_at           datetimeoffset(6) NOT NULL,
        last_message_at      datetimeoffset(6) NOT NULL,
        closed_reason        smallint      NULL,
        closed_at            datetimeoffset(6) NULL,
        last_user_message_at datetimeoffset(6) NULL,
        owned_since          datetimeoffset(6) NULL,
        CONSTRAINT PK_truora_conversations PRIMARY KEY CLUSTERED (tenant_id, conversation_id)
    );
    CREATE INDEX IX_truora_conversations_activity ON truora_conversations (tenant_id, last_message_at DESC, conversation_id DESC);
    CREATE INDEX IX_truora_conversations_owner ON truora_conversations (tenant_id, owner_id, last_message_at DESC, conversation_id DESC)
        WHERE owner_id IS NOT NULL;
    CREATE INDEX IX_truora_conversations_waiting ON truora_conversations (tenant_id, last_message_at DESC, conversation_id DESC)
        WHERE status = 0;
END
GO

IF OBJECT_ID(N'truora_messages', N'U') IS NULL
BEGIN
    CREATE TABLE truora_messages
    (
        tenant_id       nvarchar(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
        conversation_id nvarchar(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
        seq             int            NOT NULL,
        sender          smallint       NOT NULL,
        body            nvarchar(max)  NOT NULL,
        sent_at         datetimeoffset(6) NOT NULL,
        block_id        nvarchar(150)  NULL,
        agent_id        nvarchar(150)  NULL,
        delivery        smallint       NULL,
        message_id      nvarchar(450)  COLLATE Latin1_General_100_BIN2 NULL,
        transcribed     bit            NOT NULL,
        CONSTRAINT PK_truora_messages PRIMARY KEY CLUSTERED (tenant_id, conversation_id, seq)
    );
    CREATE UNIQUE INDEX UX_truora_messages_once ON truora_messages (tenant_id, message_id)
        WHERE message_id IS NOT NULL AND transcribed = 0;
END
GO

-- Reminders ----------------------------------------------------------------------------------

-- GrainId is the grain id's string form; keep grain keys short (150 characters at most).
IF OBJECT_ID(N'OrleansRemindersTable', N'U') IS NULL
BEGIN
    CREATE TABLE OrleansRemindersTable
    (
        ServiceId    nvarchar(150) NOT NULL,
        GrainId      nvarchar(150) NOT NULL,
        ReminderName nvarchar(150) NOT NULL,
        StartTime    datetime2(3)  NOT NULL,
        Period       bigint        NOT NULL,
        GrainHash    int           NOT NULL,
        Version      int           NOT NULL,
        CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY CLUSTERED (ServiceId, GrainId, ReminderName)
    );
    CREATE NONCLUSTERED INDEX IX_OrleansRemindersTable_ServiceHash ON OrleansRemindersTable (ServiceId, GrainHash);
END
GO

-- Queries ------------------------------------------------------------------------------------
-- Result columns are matched by name. Every text that answers a bool or a version declares its
-- answer in a variable and ends with exactly one SELECT of it (SET NOCOUNT ON keeps row counts
-- out of the result), so exactly one row comes back.

MERGE INTO OrleansQuery WITH (HOLDLOCK) AS target
USING (VALUES

-- Clustering: every query takes @DeploymentId.

-- Creates the cluster's version row if missing; 1 when this call created it.
(N'InsertMembershipVersionKey', N'
SET NOCOUNT ON;
DECLARE @Created bit = 0;
BEGIN TRY
    INSERT INTO OrleansMembershipVersionTable (DeploymentId, ModifiedOn, Version)
    SELECT @DeploymentId, SYSUTCDATETIME(), 0
    WHERE NOT EXISTS (
        SELECT 1 FROM OrleansMembershipVersionTable WITH (UPDLOCK, HOLDLOCK)
        WHERE DeploymentId = @DeploymentId);
    IF @@ROWCOUNT = 1 SET @Created = 1;
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() NOT IN (2601, 2627)
    BEGIN
        THROW;
    END
END CATCH
SELECT @Created AS Created;
'),

-- Always at least one row: the table version, with the member columns null when there are no
-- members (or version 0 when the cluster has no version row yet).
(N'MembershipReadAllKey', N'
SET NOCOUNT ON;
SELECT ISNULL(v.Version, 0) AS Version,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM (SELECT @DeploymentId AS DeploymentId) AS k
LEFT JOIN OrleansMembershipVersionTable AS v ON v.DeploymentId = k.DeploymentId
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = k.DeploymentId;
'),

-- The same shape for one silo: one row, member columns null when the silo has no row.
(N'MembershipReadRowKey', N'
SET NOCOUNT ON;
SELECT ISNULL(v.Version, 0) AS Version,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM (SELECT @DeploymentId AS DeploymentId) AS k
LEFT JOIN OrleansMembershipVersionTable AS v ON v.DeploymentId = k.DeploymentId
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = k.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation;
'),

-- Bumps the table version when it is still @Version (locking the version row, so membership
-- writes of a cluster serialise on it), then inserts the silo; 1 when both happened, otherwise
-- everything is rolled back and the answer is 0.
(N'InsertMembershipKey', N'
SET NOCOUNT ON;
SET XACT_ABORT ON;
DECLARE @Inserted bit = 0;
BEGIN TRY
    BEGIN TRANSACTION;
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, ModifiedOn = SYSUTCDATETIME()
    WHERE DeploymentId = @DeploymentId AND Version = @Version;
    IF @@ROWCOUNT = 1
    BEGIN
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        WHERE NOT EXISTS (
            SELECT 1 FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId
              AND Address = @Address AND Port = @Port AND Generation = @Generation);
        IF @@ROWCOUNT = 1 SET @Inserted = 1;
    END
    IF @Inserted = 1 COMMIT TRANSACTION; ELSE ROLLBACK TRANSACTION;
END TRY
BEGIN CATCH
    IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
    IF ERROR_NUMBER() NOT IN (2601, 2627)
    BEGIN
        THROW;
    END
    SET @Inserted = 0;
END CATCH
SELECT @Inserted AS Inserted;
'),

-- Bumps the table version when it is still @Version, then updates the silo; 1 when both
-- happened, otherwise everything is rolled back and the answer is 0.
(N'UpdateMembershipKey', N'
SET NOCOUNT ON;
SET XACT_ABORT ON;
DECLARE @Updated bit = 0;
BEGIN TRY
    BEGIN TRANSACTION;
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, ModifiedOn = SYSUTCDATETIME()
    WHERE DeploymentId = @DeploymentId AND Version = @Version;
    IF @@ROWCOUNT = 1
    BEGIN
        UPDATE OrleansMembershipTable
        SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
        WHERE DeploymentId = @DeploymentId
          AND Address = @Address AND Port = @Port AND Generation = @Generation;
        IF @@ROWCOUNT = 1 SET @Updated = 1;
    END
    IF @Updated = 1 COMMIT TRANSACTION; ELSE ROLLBACK TRANSACTION;
END TRY
BEGIN CATCH
    IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
    THROW;
END CATCH
SELECT @Updated AS Updated;
'),

-- Heartbeat: no version check, no version bump.
(N'UpdateIAmAlivetimeKey', N'
SET NOCOUNT ON;
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId
  AND Address = @Address AND Port = @Port AND Generation = @Generation;
'),

(N'DeleteMembershipTableEntriesKey', N'
SET NOCOUNT ON;
SET XACT_ABORT ON;
BEGIN TRANSACTION;
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
COMMIT TRANSACTION;
'),

-- Called periodically (hourly by default): drops dead silos last seen before @IAmAliveTime.
(N'CleanupDefunctSiloEntriesKey', N'
SET NOCOUNT ON;
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND IAmAliveTime < @IAmAliveTime
  AND Status = 6;
'),

-- Gateways for clients: @Status is 3 (Active).
(N'GatewaysQueryKey', N'
SET NOCOUNT ON;
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0;
'),

-- Reminders: every query takes @ServiceId. Hashes are signed 32-bit integers.

(N'ReadReminderRowsKey', N'
SET NOCOUNT ON;
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
'),

(N'ReadReminderRowKey', N'
SET NOCOUNT ON;
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
'),

-- Used when @BeginHash < @EndHash.
(N'ReadRangeRows1Key', N'
SET NOCOUNT ON;
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
'),

-- Used otherwise: the range wraps around the ring (equal hashes mean the whole ring).
(N'ReadRangeRows2Key', N'
SET NOCOUNT ON;
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'),

-- Replaces and bumps the version, or inserts with version 0; answers the new Version. The
-- key-range lock taken by the update keeps two concurrent first upserts from colliding.
(N'UpsertReminderRowKey', N'
SET NOCOUNT ON;
SET XACT_ABORT ON;
DECLARE @NewVersion int = NULL;
BEGIN TRY
    BEGIN TRANSACTION;
    UPDATE OrleansRemindersTable WITH (UPDLOCK, SERIALIZABLE)
    SET StartTime = @StartTime,
        Period = @Period,
        GrainHash = @GrainHash,
        @NewVersion = Version = Version + 1
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
    IF @@ROWCOUNT = 0
    BEGIN
        INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
        VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0);
        SET @NewVersion = 0;
    END
    COMMIT TRANSACTION;
END TRY
BEGIN CATCH
    IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
    THROW;
END CATCH
SELECT @NewVersion AS Version;
'),

-- 1 when deleted; 0 when missing or @Version is stale.
(N'DeleteReminderRowKey', N'
SET NOCOUNT ON;
DECLARE @Deleted bit = 0;
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
  AND Version = @Version;
IF @@ROWCOUNT > 0 SET @Deleted = 1;
SELECT @Deleted AS Deleted;
'),

(N'DeleteReminderRowsKey', N'
SET NOCOUNT ON;
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
'),

-- Grain state: every query takes the row identity @GrainIdHash, @GrainIdN0, @GrainIdN1,
-- @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString (may be null) and @ServiceId.

-- Zero or one row. A cleared state reads as a null payload with its version.
(N'ReadFromStorageKey', N'
SET NOCOUNT ON;
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString = @GrainIdExtensionString
       OR (GrainIdExtensionString IS NULL AND @GrainIdExtensionString IS NULL))
  AND ServiceId = @ServiceId;
'),

-- Exactly one row, NewGrainStateVersion: the new version, or NULL on a version conflict.
-- A null @GrainStateVersion is a first write (insert at version 1; a row already there, including
-- one a concurrent first write inserts meanwhile, is a conflict); otherwise the row must still be
-- at @GrainStateVersion.
(N'WriteToStorageKey', N'
SET NOCOUNT ON;
DECLARE @NewGrainStateVersion int = NULL;
IF @GrainStateVersion IS NULL
BEGIN
    BEGIN TRY
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
             ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
               @ServiceId, @PayloadBinary, SYSUTCDATETIME(), 1
        WHERE NOT EXISTS (
            SELECT 1 FROM OrleansStorage WITH (UPDLOCK, HOLDLOCK)
            WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
              AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
              AND GrainTypeString = @GrainTypeString
              AND (GrainIdExtensionString = @GrainIdExtensionString
                   OR (GrainIdExtensionString IS NULL AND @GrainIdExtensionString IS NULL))
              AND ServiceId = @ServiceId);
        IF @@ROWCOUNT = 1 SET @NewGrainStateVersion = 1;
    END TRY
    BEGIN CATCH
        IF ERROR_NUMBER() NOT IN (2601, 2627)
        BEGIN
            THROW;
        END
    END CATCH
END
ELSE
BEGIN
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = SYSUTCDATETIME()
    WHERE Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND (GrainIdExtensionString = @GrainIdExtensionString
           OR (GrainIdExtensionString IS NULL AND @GrainIdExtensionString IS NULL))
      AND ServiceId = @ServiceId;
    IF @@ROWCOUNT = 1 SET @NewGrainStateVersion = @GrainStateVersion + 1;
END
SELECT @NewGrainStateVersion AS NewGrainStateVersion;
'),

-- Keeps the row with a null payload and a bumped version; one row, NULL on a version conflict.
(N'ClearStorageKey', N'
SET NOCOUNT ON;
DECLARE @NewGrainStateVersion int = NULL;
UPDATE OrleansStorage
SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = SYSUTCDATETIME()
WHERE Version = @GrainStateVersion
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString = @GrainIdExtensionString
       OR (GrainIdExtensionString IS NULL AND @GrainIdExtensionString IS NULL))
  AND ServiceId = @ServiceId;
IF @@ROWCOUNT = 1 SET @NewGrainStateVersion = @GrainStateVersion + 1;
SELECT @NewGrainStateVersion AS NewGrainStateVersion;
'),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set: removes the row and answers the
-- deleted version + 1 (the provider then forgets the ETag); NULL on a version conflict.
(N'DeleteStorageKey', N'
SET NOCOUNT ON;
DECLARE @NewGrainStateVersion int = NULL;
DELETE FROM OrleansStorage
WHERE Version = @GrainStateVersion
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString = @GrainIdExtensionString
       OR (GrainIdExtensionString IS NULL AND @GrainIdExtensionString IS NULL))
  AND ServiceId = @ServiceId;
IF @@ROWCOUNT = 1 SET @NewGrainStateVersion = @GrainStateVersion + 1;
SELECT @NewGrainStateVersion AS NewGrainStateVersion;
')

) AS source (QueryKey, QueryText)
ON target.QueryKey = source.QueryKey
WHEN MATCHED THEN
    UPDATE SET QueryText = source.QueryText
WHEN NOT MATCHED BY TARGET THEN
    INSERT (QueryKey, QueryText) VALUES (source.QueryKey, source.QueryText);
GO
