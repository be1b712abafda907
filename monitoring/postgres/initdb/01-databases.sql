-- Run by the postgres image once, when its data volume is empty (docker-entrypoint-initdb.d).
-- One database per storage node, plus the hint manager's and the anti-entropy coordinator's.
-- Each service creates its own tables (Flyway) on start.
CREATE DATABASE storage_node_1;
CREATE DATABASE storage_node_2;
CREATE DATABASE storage_node_3;
CREATE DATABASE hints;
CREATE DATABASE repairs;
