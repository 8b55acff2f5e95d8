-- What a node's own database role needs, granted by `migrate` (run as the schema's owner) when
-- Truora__Storage__RuntimeRole names that role. Data of the providers' tables, and only reading the
-- queries: a node that can rewrite OrleansQuery could make every node run SQL of its choosing.
-- The role is created by the operator (CREATE ROLE ... LOGIN PASSWORD ...); {role} is its quoted name.

GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT ON OrleansQuery TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansMembershipVersionTable, OrleansMembershipTable, OrleansStorage, OrleansRemindersTable TO {role};
GRANT SELECT, INSERT, UPDATE ON truora_conversations, truora_messages TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON truora_grain_state TO {role};
