CREATE TABLE `access_denied_windows` (
	`org_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`method` text NOT NULL,
	`route` text NOT NULL,
	`permission` text NOT NULL,
	`window_start` integer NOT NULL,
	`repeats` integer NOT NULL,
	`last_repeat` text,
	PRIMARY KEY(`org_id`, `subject_type`, `subject_id`, `method`, `route`, `permission`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_denied_windows_start_idx` ON `access_denied_windows` (`window_start`);