import type { LossSignature } from '../../catalogue';
import { textOf, type SNode } from '../syntax';

/**
 * What a tensor expression holds, as far as the file shows:
 * - `logits`: unbounded scores (a Linear/conv output, or a name that says so);
 * - `sigmoid` / `softmax`: probabilities made by that function;
 * - `logProbs`: log-probabilities (`log_softmax`, `LogSoftmax`, `log` of probabilities);
 * - `oneHot`: a hard one-hot encoding of class indices;
 * - `indices`: class indices (`argmax`, `randint(0, C)`);
 * - `labels01`: labels in {0, 1};
 * - `positive`: positive rates made by `exp`, `softplus` or `relu` (see `positiveRates.ts`);
 * - `unknown`: anything else. Rules stay silent on `unknown`.
 */
export type TensorKind = 'logits' | 'sigmoid' | 'softmax' | 'logProbs' | 'oneHot' | 'indices' | 'labels01' | 'positive' | 'unknown';

/** A padding value: a number, or the name of a pad id (`pad_token_id`); `by` is the padding call. */
export interface Padding {
  readonly value: number | string;
  readonly by: SNode;
}

export interface TensorValue {
  readonly t: 'tensor';
  readonly kind: TensorKind;
  /** True when the dtype is known to be integral, false when known floating, undefined when unknown. */
  readonly int?: boolean;
  /** Size of the last dimension when known from a literal (`nn.Linear(h, 1)` → 1). */
  readonly width?: number;
  /** The name of a non-literal width (`nn.Linear(h, num_classes)` → `num_classes`). */
  readonly widthName?: string;
  /** The expression that established the kind: the softmax call, the model call, the `one_hot` call. */
  readonly origin?: SNode;
  /** For kinds made by one function (`softmax(x)`, `x.sigmoid()`): its input `x`, so fixes can strip it. */
  readonly inner?: SNode;
  /** For kinds made by a model: the model's class or `nn.Sequential` construction, for messages. */
  readonly model?: string;
  /** Where another function or module decided the kind (the softmax ending `Net.forward`), for messages. */
  readonly source?: SNode;
  /** Probabilities kept away from 0 (`p + 1e-8`, `p.clamp_min(eps)`), so a log of them can't reach -inf. */
  readonly guarded?: boolean;
  /** What padded positions hold (`pad_sequence(…, padding_value=0)`), and the call that padded (see `padding.ts`). */
  readonly padding?: Padding;
}

/** A callable layer or model instance: calling it yields `out` (or passes its input through). */
export interface ModuleValue {
  readonly t: 'module';
  readonly out?: TensorValue;
  /** What it returns when that is a tuple (`return validity, label`). */
  readonly outs?: readonly Value[];
  /** What it returns when that is a dict literal (`return {'logits': x, 'probs': p}`). */
  readonly outDict?: DictValue;
  readonly passthrough?: boolean;
  readonly name: string;
  /** The class defined in the workspace that it is an instance of, so its attributes can be followed. */
  readonly cls?: SNode;
  /** The call that made the instance (`Config(num_classes=3)`), for fields given there. */
  readonly construction?: SNode;
}

export interface LossValue {
  readonly t: 'loss';
  readonly sig: LossSignature;
  /** The `nn.X(...)` call that built it. */
  readonly construction: SNode;
}

/** A torch layer class not called yet (`ACTIVATIONS = {"sigmoid": nn.Sigmoid}` … `ACTIVATIONS[name]()`). */
export interface LayerClassValue {
  readonly t: 'layerClass';
  /** Its qualified name (`torch.nn.Sigmoid`). */
  readonly q: string;
}

export interface LossClassValue {
  readonly t: 'lossClass';
  readonly sig: LossSignature;
  /** The `nn.X` expression (not called). */
  readonly ref: SNode;
}

export interface LossFunctionValue {
  readonly t: 'lossFunction';
  readonly sig: LossSignature;
  readonly ref: SNode;
}

export interface DefValue {
  readonly t: 'function' | 'class';
  readonly def: SNode;
}

export interface DictValue {
  readonly t: 'dict';
  readonly entries: ReadonlyMap<string, SNode>;
  /** Keys set by item assignments after the dict was built (`out["toxic"] = …`), winning over `entries`. */
  readonly overrides?: ReadonlyMap<string, Value>;
  /** What any other key holds (a comprehension's values), when known. */
  readonly rest?: Value;
}

/** A tuple (`return a, b`): unpacking or indexing it gives each element. */
export interface TupleValue {
  readonly t: 'tuple';
  readonly items: readonly Value[];
}

/**
 * Something iterated item by item, every item alike: a list built here (`[…]`, `append`, a
 * comprehension), a `DataLoader` or dataset (an item is a sample or a batch; collating keeps what
 * each part holds).
 */
export interface ListValue {
  readonly t: 'list';
  readonly item: Value;
  /** How many items, for a literal (`CLASSES = ["cat", "dog"]`), so `len(CLASSES)` is known. */
  readonly length?: number;
}

/** An integer constant (`NUM_CLASSES = 10`), so layer widths given by name are known. */
export interface IntValue {
  readonly t: 'int';
  readonly value: number;
}

/** A dict whose values are all alike (`{x: DataLoader(ds[x]) for x in splits}`): any key gives `value`. */
export interface MapValue {
  readonly t: 'map';
  readonly value: Value;
}

/** A string constant (`"bce"`), so registries indexed by a configured name resolve. */
export interface StrValue {
  readonly t: 'str';
  readonly value: string;
}

/** What `parser.parse_args()` returns: its attributes are the options' defaults. */
export interface NamespaceValue {
  readonly t: 'namespace';
  /** The parser expression (`parser`), whose `add_argument` calls declare the options. */
  readonly parser: SNode;
}

/** `torch.eye(C)`: indexing it with labels makes a one-hot matrix. */
export interface EyeValue {
  readonly t: 'eye';
}

/** A module of the workspace (`import models.net as net`): its names are looked up in its file. */
export interface PyModuleValue {
  readonly t: 'pymodule';
  readonly path: string;
}

export interface UnknownValue {
  readonly t: 'unknown';
}

export type Value = TensorValue | ModuleValue | LossValue | LossClassValue | LayerClassValue | LossFunctionValue | DefValue | DictValue | TupleValue | IntValue | EyeValue | PyModuleValue | ListValue | StrValue | NamespaceValue | MapValue | UnknownValue;

export const UNKNOWN: UnknownValue = { t: 'unknown' };

export function tensor(kind: TensorKind, extra: Omit<TensorValue, 't' | 'kind'> = {}): TensorValue {
  return { t: 'tensor', kind, ...extra };
}

export function isProbability(v: Value): v is TensorValue {
  return v.t === 'tensor' && (v.kind === 'sigmoid' || v.kind === 'softmax');
}

/** Values that agree on what they are merge; anything else is unknown. */
export function merge(values: Value[]): Value {
  if (values.length === 0) return UNKNOWN;
  const [first, ...rest] = values;
  if (rest.every((v) => sameValue(first, v))) return first;
  // Tensors that disagree on what they hold may still agree on their dtype (`t = zeros(…, long)`,
  // then `t[i] = 1` in a loop): that much is known.
  if (values.every((v) => v.t === 'tensor' && v.int !== undefined && v.int === (first as TensorValue).int)) return tensor('unknown', { int: (first as TensorValue).int });
  // `pairs.append((a, b, 1))` here, `pairs.append((a, c, 0))` there: a pair is either, its label 0 or 1.
  if (first.t === 'tuple' && values.every((v) => v.t === 'tuple' && v.items.length === first.items.length)) {
    return { t: 'tuple', items: first.items.map((_, i) => merge(values.map((v) => (v as TupleValue).items[i]))) };
  }
  // Python's 0 and 1 as the two labels of a pair: batched by a DataLoader, an int64 tensor of 0/1.
  if (values.every((v) => v.t === 'int' && (v.value === 0 || v.value === 1))) return tensor('labels01', { int: true });
  return UNKNOWN;
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.t !== b.t) return false;
  if (a.t === 'tensor' && b.t === 'tensor') return a.kind === b.kind && a.int === b.int && a.width === b.width && a.padding?.value === b.padding?.value;
  // Two constructions agree when they build the same loss with the same arguments.
  if (a.t === 'loss' && b.t === 'loss') return a.construction === b.construction || (a.sig === b.sig && argumentText(a.construction) === argumentText(b.construction));
  if (a.t === 'module' && b.t === 'module') return a.out?.kind === b.out?.kind && a.passthrough === b.passthrough && a.outs === undefined && b.outs === undefined && a.outDict === undefined && b.outDict === undefined;
  if (a.t === 'int' && b.t === 'int') return a.value === b.value;
  if (a.t === 'layerClass' && b.t === 'layerClass') return a.q === b.q;
  if (a.t === 'pymodule' && b.t === 'pymodule') return a.path === b.path;
  if (a.t === 'str' && b.t === 'str') return a.value === b.value;
  if (a.t === 'map' && b.t === 'map') return sameValue(a.value, b.value);
  if (a.t === 'list' && b.t === 'list') return sameValue(a.item, b.item);
  if ((a.t === 'function' || a.t === 'class') && (b.t === 'function' || b.t === 'class')) return a.def === b.def;
  if (a.t === 'tuple' && b.t === 'tuple') return a.items.length === b.items.length && a.items.every((x, i) => sameValue(x, b.items[i]));
  return false;
}

/** Element `i` of a tuple value (negative counts from the end), or unknown. */
export function element(v: Value, i: number): Value {
  if (v.t === 'list') return v.item;
  if (v.t !== 'tuple') return UNKNOWN;
  const k = i < 0 ? v.items.length + i : i;
  return v.items[k] ?? UNKNOWN;
}

/** The value after a cast to an integer (`int` true) or floating dtype: scores cast to int mean nothing. */
export function withInt(v: Value, int: boolean): Value {
  if (v.t !== 'tensor') return tensor('unknown', { int });
  if (v.kind === 'logits' || v.kind === 'sigmoid' || v.kind === 'softmax' || v.kind === 'logProbs') return int ? tensor('unknown', { int }) : v;
  return { ...v, int };
}

function argumentText(call: SNode): string {
  const args = call.children.find((c) => c.field === 'arguments');
  return args ? textOf(args).replace(/\s+/g, '') : '';
}

/** A tensor changed in place: only whether it holds integers is still known. */
export function dtypeOnly(v: Value): Value {
  return v.t === 'tensor' && v.int !== undefined ? tensor('unknown', { int: v.int }) : UNKNOWN;
}
