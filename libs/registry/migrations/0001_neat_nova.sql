CREATE TABLE `file_checks` (
	`path` text PRIMARY KEY NOT NULL,
	`dev` integer NOT NULL,
	`ino` integer NOT NULL,
	`bytes` integer NOT NULL,
	`mtime_ns` text NOT NULL,
	`ctime_ns` text NOT NULL,
	`sha256` text NOT NULL,
	`checked` integer NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`experiment` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`key` text NOT NULL,
	`config` text NOT NULL,
	`seed` integer NOT NULL,
	`profile` text NOT NULL,
	`backend_name` text NOT NULL,
	`backend_version` text NOT NULL,
	`backend_threads` integer NOT NULL,
	`git_commit` text,
	`git_dirty` integer NOT NULL,
	`source_version` text NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`wall_seconds` real,
	`error` text,
	FOREIGN KEY (`experiment`) REFERENCES `experiments`(`name`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "runs_status_check" CHECK("__new_runs"."status" in ('running', 'finished', 'failed', 'interrupted', 'corrupt'))
);
--> statement-breakpoint
INSERT INTO `__new_runs`("id", "experiment", "kind", "status", "key", "config", "seed", "profile", "backend_name", "backend_version", "backend_threads", "git_commit", "git_dirty", "source_version", "host", "pid", "started_at", "ended_at", "wall_seconds", "error") SELECT "id", "experiment", "kind", "status", "key", "config", "seed", "profile", "backend_name", "backend_version", "backend_threads", "git_commit", "git_dirty", "source_version", "host", "pid", "started_at", "ended_at", "wall_seconds", "error" FROM `runs`;--> statement-breakpoint
DROP TABLE `runs`;--> statement-breakpoint
ALTER TABLE `__new_runs` RENAME TO `runs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `runs_key_status_idx` ON `runs` (`key`,`status`);--> statement-breakpoint
CREATE INDEX `runs_status_idx` ON `runs` (`status`);--> statement-breakpoint
CREATE INDEX `runs_kind_idx` ON `runs` (`kind`);--> statement-breakpoint
CREATE INDEX `runs_experiment_idx` ON `runs` (`experiment`);