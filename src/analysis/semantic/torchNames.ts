/** Qualified names of the functions and layers whose outputs the analyzer recognises. */

export const SIGMOID_FUNCTIONS = new Set(['torch.sigmoid', 'torch.nn.functional.sigmoid', 'torch.special.expit']);
export const SOFTMAX_FUNCTIONS = new Set(['torch.softmax', 'torch.nn.functional.softmax', 'torch.special.softmax']);
export const LOG_SOFTMAX_FUNCTIONS = new Set(['torch.log_softmax', 'torch.nn.functional.log_softmax', 'torch.special.log_softmax']);
export const LOG_FUNCTIONS = new Set(['torch.log']);
export const ONE_HOT_FUNCTIONS = new Set(['torch.nn.functional.one_hot']);
export const EYE_FUNCTIONS = new Set(['torch.eye', 'numpy.eye']);
export const ARGMAX_FUNCTIONS = new Set(['torch.argmax']);
/** Factories of all-zero tensors. */
export const ALL_ZERO_FUNCTIONS = new Set(['torch.zeros', 'torch.zeros_like']);
export const ZEROS_FUNCTIONS = new Set(['torch.zeros', 'torch.zeros_like', 'torch.empty', 'torch.empty_like']);
/** Tensor factories whose dtype comes from `dtype=` (or, for `full`, an int fill value). */
export const FACTORY_FUNCTIONS = new Set(['torch.ones', 'torch.ones_like', 'torch.full', 'torch.full_like', 'torch.arange', 'torch.randn', 'torch.rand', 'torch.randn_like', 'torch.rand_like']);
export const TENSOR_FUNCTIONS = new Set(['torch.tensor', 'torch.as_tensor', 'torch.from_numpy', 'torch.Tensor', 'torch.LongTensor', 'torch.FloatTensor', 'torch.IntTensor', 'numpy.array']);

export const INT_DTYPES = new Set(['torch.long', 'torch.int64', 'torch.int', 'torch.int32', 'torch.int16', 'torch.int8', 'torch.uint8', 'torch.short', 'torch.LongTensor', 'torch.IntTensor', 'torch.cuda.LongTensor', 'numpy.int64', 'numpy.int32']);
export const FLOAT_DTYPES = new Set(['torch.float', 'torch.float32', 'torch.float64', 'torch.double', 'torch.half', 'torch.float16', 'torch.bfloat16', 'torch.FloatTensor', 'torch.cuda.FloatTensor', 'numpy.float32', 'numpy.float64']);

/** Tensor methods that keep what the values mean (shape, device or autograd changes only). */
export const KIND_PRESERVING_METHODS = new Set([
  'detach', 'clone', 'cpu', 'cuda', 'contiguous', 'requires_grad_', 'eval', 'train', 'permute', 'transpose', 't', 'expand', 'expand_as', 'repeat', 'numpy', 'data',
]);
/** Methods that keep the kind but not the last dimension. */
export const RESHAPING_METHODS = new Set(['squeeze', 'unsqueeze', 'view', 'reshape', 'flatten', 'view_as', 'reshape_as']);
/** Methods that pick elements (kind kept, width not). */
export const SELECTING_METHODS = new Set(['gather', 'index_select', 'take_along_dim', 'masked_select', 'narrow', 'select', 'take']);
export const SELECTING_FUNCTIONS = new Set(['torch.gather', 'torch.index_select', 'torch.take_along_dim', 'torch.masked_select', 'torch.narrow', 'torch.select', 'torch.take']);
export const RESHAPING_FUNCTIONS = new Set(['torch.squeeze', 'torch.unsqueeze', 'torch.flatten', 'torch.reshape']);
/** Element-wise comparisons: their results are {0, 1} (boolean) tensors. */
export const COMPARISON_FUNCTIONS = new Set(['torch.eq', 'torch.ne', 'torch.gt', 'torch.lt', 'torch.ge', 'torch.le', 'torch.greater', 'torch.less', 'torch.logical_and', 'torch.logical_or', 'torch.logical_not']);
export const COMPARISON_METHODS = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'greater', 'less', 'logical_and', 'logical_or', 'logical_not']);
export const INT_CAST_METHODS = new Set(['long', 'int', 'short']);
export const FLOAT_CAST_METHODS = new Set(['float', 'double', 'half', 'bfloat16']);

/** `torch.nn` layers by what their output holds. */
export const LOGIT_LAYERS = new Set(['torch.nn.Linear', 'torch.nn.LazyLinear', 'torch.nn.Bilinear', 'torch.nn.Conv1d', 'torch.nn.Conv2d', 'torch.nn.Conv3d', 'torch.nn.ConvTranspose1d', 'torch.nn.ConvTranspose2d', 'torch.nn.ConvTranspose3d', 'torch.nn.LazyConv1d', 'torch.nn.LazyConv2d', 'torch.nn.LazyConv3d', 'torch.nn.LazyConvTranspose1d', 'torch.nn.LazyConvTranspose2d', 'torch.nn.LazyConvTranspose3d']);
export const SIGMOID_LAYERS = new Set(['torch.nn.Sigmoid']);
export const SOFTMAX_LAYERS = new Set(['torch.nn.Softmax', 'torch.nn.Softmax2d']);
export const LOG_SOFTMAX_LAYERS = new Set(['torch.nn.LogSoftmax']);
export const PASSTHROUGH_LAYERS = new Set(['torch.nn.Dropout', 'torch.nn.Dropout1d', 'torch.nn.Dropout2d', 'torch.nn.Identity', 'torch.nn.Flatten']);
export const SEQUENTIAL = new Set(['torch.nn.Sequential']);
/** Wrappers that run the module they are given (calling them calls it). */
export const MODULE_WRAPPERS = new Set(['torch.nn.DataParallel', 'torch.nn.parallel.DataParallel', 'torch.nn.parallel.DistributedDataParallel', 'torch.compile', 'torch.jit.script', 'torch.jit.trace']);
export const MODULE_BASES = new Set(['torch.nn.Module']);
