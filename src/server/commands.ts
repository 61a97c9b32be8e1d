/** Commands the VS Code client runs itself (other clients may ignore them). */
export const OPEN_CALCULATOR = 'lossLens.openCalculator';

/** Commands the server runs (`workspace/executeCommand`). */
export const SHOW_RELATED = 'lossLens.showRelated';
