-- v8: every change to a task or its criteria leaves a line here, so a connection that keeps
-- an assessment's task list (the window's read-only one) can tell which tasks changed since
-- it read them, and read only those again: a write to anything else (a person, an answer)
-- leaves the list as it was. Triggers rather than the store's code, so no write path can be
-- missed: an import, a deletion that cascades, a person's new name carried to their tasks.
-- Each line has a random mark: a file put back from a backup and changed again reaches the
-- same numbers with other marks, and a connection then reads the whole list again. Only the
-- last thousand lines are kept; a connection further behind reads the whole list again.

CREATE TABLE task_change (
    seq INTEGER PRIMARY KEY,
    task_id TEXT NOT NULL,
    mark BLOB NOT NULL
) STRICT;

CREATE TRIGGER task_change_on_insert AFTER INSERT ON task BEGIN
    INSERT INTO task_change (task_id, mark) VALUES (NEW.id, randomblob(8));
    DELETE FROM task_change WHERE seq <= (SELECT max(seq) FROM task_change) - 1000;
END;

CREATE TRIGGER task_change_on_update AFTER UPDATE ON task BEGIN
    INSERT INTO task_change (task_id, mark) VALUES (OLD.id, randomblob(8));
    INSERT INTO task_change (task_id, mark) SELECT NEW.id, randomblob(8) WHERE NEW.id <> OLD.id;
    DELETE FROM task_change WHERE seq <= (SELECT max(seq) FROM task_change) - 1000;
END;

CREATE TRIGGER task_change_on_delete AFTER DELETE ON task BEGIN
    INSERT INTO task_change (task_id, mark) VALUES (OLD.id, randomblob(8));
    DELETE FROM task_change WHERE seq <= (SELECT max(seq) FROM task_change) - 1000;
END;

CREATE TRIGGER task_change_on_criterion_insert AFTER INSERT ON task_criterion BEGIN
    INSERT INTO task_change (task_id, mark) VALUES (NEW.task_id, randomblob(8));
    DELETE FROM task_change WHERE seq <= (SELECT max(seq) FROM task_change) - 1000;
END;

CREATE TRIGGER task_change_on_criterion_update AFTER UPDATE ON task_criterion BEGIN
    INSERT INTO task_change (task_id, mark) VALUES (OLD.task_id, randomblob(8));
    INSERT INTO task_change (task_id, mark)
        SELECT NEW.task_id, randomblob(8) WHERE NEW.task_id <> OLD.task_id;
    DELETE FROM task_change WHERE seq <= (SELECT max(seq) FROM task_change) - 1000;
END;

CREATE TRIGGER task_change_on_criterion_delete AFTER DELETE ON task_criterion BEGIN
    INSERT INTO task_change (task_id, mark) VALUES (OLD.task_id, randomblob(8));
    DELETE FROM task_change WHERE seq <= (SELECT max(seq) FROM task_change) - 1000;
END;
