// Feeds every loss-picker answer path, as a complete program, to scripts/gen_picker_fixtures.py.
import { pickerPrograms } from '../test/unit/catalogue/pickerPrograms';

process.stdout.write(JSON.stringify(pickerPrograms().map(({ key, id, program }) => ({ key, id, program }))));
