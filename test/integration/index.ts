// Entry point VS Code loads as `extensionTestsPath`: runs every test file compiled beside it.
import { runSuite } from './mochaRunner';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
