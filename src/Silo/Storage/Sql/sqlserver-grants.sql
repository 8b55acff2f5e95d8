-- What a node's own database user needs, granted by `migrate` (run as the schema's owner) when
-- Truora__Storage__RuntimeRole names that user. Data of the providers' tables, and only reading the
-- queries: a node that can rewrite OrleansQuery could make every node run SQL of its choosing.
-- The user is created by the operator (CREATE LOGIN / CREATE USER); {role} is its quoted name.

GRANT SELECT ON OrleansQuery TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansMembershipVersionTable TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansMembershipTable TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansStorage TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansRemindersTable TO {role};
GRANT SELECT, INSERT, UPDATE ON truora_conversations TO {role};
GRANT SELECT, INSERT, UPDATE ON truora_messages TO {role};
