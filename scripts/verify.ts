import { verifyCommand } from '../backend/audit/verify/command';

/* `npm run verify -- --db FILE …` or `-- --export FILE …`: see backend/audit/verify/command.ts. */
const { code, output } = await verifyCommand(process.argv.slice(2));
(code === 2 ? process.stderr : process.stdout).write(output);
process.exitCode = code;
