import type { Command } from "commander";
import { backupDatabase } from "../../adapters/stores/sqlite/backup-database.js";
import type { CliContext } from "./cli-context.js";
import { databasePath } from "./keys-command.js";

/**
 * Registers `mnemo backup <destination>`: a consistent copy of the database while it is in use (see
 * backupDatabase), checked before it is reported. Restore by serving the copy (`--db <copy>`).
 *
 * @example
 * registerBackupCommand(program, context); // then: mnemo --db ./mnemo.db backup ./mnemo-backup.db
 */
export function registerBackupCommand(program: Command, context: CliContext): void {
  program
    .command("backup")
    .description("copy the database consistently while it is in use (a server may keep running), then check the copy")
    .argument("<destination>", "file to write (must not exist)")
    .action((destination: string) => {
      const result = backupDatabase({ path: databasePath(context), destination });
      context
        .output()
        .result(
          result,
          () =>
            `backed up ${result.memories} memories and ${result.episodes} episodes to ${result.destination} (${result.bytes} bytes, ${result.seconds} s; integrity ok)`,
        );
    });
}
