/**
 * The settings of a training run: {@link dev.mopo.djl.train.config.TrainConfig} and its groups
 * (model, data, loss, dual, optimizer, runtime), each validating its own settings, and the
 * choices users name by key ({@code loss: mopo-fixed}, {@code lr_schedule: cosine}).
 */
package dev.mopo.djl.train.config;
