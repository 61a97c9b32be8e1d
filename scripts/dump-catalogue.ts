// Feeds the catalogue's names and examples to scripts/gen_catalogue_fixtures.py (which needs PyTorch).
import { LOSSES } from '../src/catalogue';

process.stdout.write(JSON.stringify(LOSSES.map((l) => ({ id: l.id, module: l.module, functional: l.functional.name, example: l.example }))));
