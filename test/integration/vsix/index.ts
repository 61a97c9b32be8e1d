// Entry for the packaged-extension session: the .vsix is installed, the repo is not loaded.
import { runSuite } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
