CREATE TABLE `artifacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`kind` text NOT NULL,
	`created` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `artifacts_run_path_idx` ON `artifacts` (`run_id`,`path`);--> statement-breakpoint
CREATE TABLE `datasets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fingerprint` text NOT NULL,
	`kind` text NOT NULL,
	`source_path` text NOT NULL,
	`counts` text NOT NULL,
	`created` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `datasets_fingerprint_unique` ON `datasets` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experiments_name_unique` ON `experiments` (`name`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`name` text NOT NULL,
	`value` real,
	`step` integer,
	`split` text,
	`extra` text,
	`ts` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `metrics_run_idx` ON `metrics` (`run_id`,`name`);--> statement-breakpoint
CREATE TABLE `params` (
	`run_id` integer NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`run_id`, `name`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `run_inputs` (
	`run_id` integer NOT NULL,
	`input` text NOT NULL,
	PRIMARY KEY(`run_id`, `input`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_inputs_input_idx` ON `run_inputs` (`input`);--> statement-breakpoint
CREATE TABLE `runs` (
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
	CONSTRAINT "runs_status_check" CHECK("runs"."status" in ('running', 'finished', 'failed', 'interrupted'))
);
--> statement-breakpoint
CREATE INDEX `runs_key_status_idx` ON `runs` (`key`,`status`);--> statement-breakpoint
CREATE INDEX `runs_status_idx` ON `runs` (`status`);--> statement-breakpoint
CREATE INDEX `runs_kind_idx` ON `runs` (`kind`);--> statement-breakpoint
CREATE INDEX `runs_experiment_idx` ON `runs` (`experiment`);