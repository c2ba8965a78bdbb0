package dev.mopo.djl.train;

import dev.mopo.core.dual.DualState;
import dev.mopo.djl.train.optim.LossScaler;

/**
 * Where a run stands, saved with each checkpoint so that {@code --resume} continues exactly:
 * the optimiser step, the data position, the dual state, the skipped-step count and, in fp16,
 * the loss scaler's state. The
 * optimiser's moments are saved beside it ({@code optimizer.safetensors}).
 *
 * @param step optimiser steps completed
 * @param epoch the epoch the next micro-batch belongs to
 * @param nextBatch the index, within that epoch's order, of the next micro-batch
 * @param dual the dual step's state, or null for losses without one
 * @param skippedSteps non-finite steps skipped so far
 * @param lossScaler the loss scaler's state in fp16 training, else null
 * @param reference the checkpoint the reference moved to (spec §10's lagged reference), or null
 * @param snapshot the policy saved at the last move, the reference at the next, or null
 */
public record TrainerState(long step, int epoch, int nextBatch, DualState dual, int skippedSteps,
        LossScaler.State lossScaler, String reference, String snapshot) {}
