// A child process of the bench: runs the cells it is sent, one message per cell, until it is disconnected.
import { runCell } from './run-cell';
import type { Cell } from './scenarios';

process.on('message', (cell: Cell) => {
  process.send?.(runCell(cell));
});
