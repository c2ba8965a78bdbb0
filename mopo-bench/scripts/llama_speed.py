"""Forward+backward speed of `mopo bench model-speed`'s model in PyTorch eager with transformers.

The reference for `mopo bench model-speed --compare`: the same Llama (hidden 512, 8 layers, 8 heads,
intermediate 1376, vocab 32000, untied head, fp32, random init), the same batch of random token ids
(4 x 256), the same loss (mean next-token cross-entropy over every position, `labels=input_ids`),
the same step (forward + backward to every weight's gradient, no optimiser, gradients accumulate),
the same thread settings (N intra-op threads, 1 inter-op thread) and the same timing (warm-up steps,
then the mean of the timed steps). Peak memory is the process's VmHWM, as on the Java side.

    ~/.ref/bin/python mopo-bench/scripts/llama_speed.py --threads 2 --json torch.json
    ./mopo bench model-speed --threads 2 --compare torch.json

Needs torch and transformers (tested with torch 2.13.0, transformers 5.18.0); not used by any test.
"""
import argparse
import json
import os
import time

import torch
import transformers
from transformers import LlamaConfig, LlamaForCausalLM


def peak_rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return -1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: all cores)")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--sequence", type=int, default=256)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--attention", choices=["sdpa", "eager"], default="sdpa",
                        help="transformers' attention: sdpa (its default, a fused kernel) or eager "
                             "(matmul + softmax, as mopo composes it)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    config = LlamaConfig(hidden_size=512, num_hidden_layers=8, num_attention_heads=8, num_key_value_heads=8,
                         intermediate_size=1376, vocab_size=32000, max_position_embeddings=2048, rms_norm_eps=1e-5,
                         rope_theta=10000.0, tie_word_embeddings=False, attn_implementation=args.attention)
    model = LlamaForCausalLM(config).float().train()
    parameters = sum(p.numel() for p in model.parameters())
    ids = torch.randint(0, config.vocab_size, (args.batch, args.sequence))
    print(f"transformers {transformers.__version__} LlamaForCausalLM ({args.attention} attention), "
          f"{parameters:,} parameters; batch {args.batch} x sequence {args.sequence}, fp32, CPU, "
          f"{torch.get_num_threads()} threads ({torch.get_num_interop_threads()} inter-op), "
          f"{args.warmup} warm-up + {args.steps} timed steps")

    timed = 0.0
    loss = float("nan")
    for step in range(1, args.warmup + args.steps + 1):
        start = time.perf_counter()
        out = model(input_ids=ids, labels=ids, use_cache=False)
        out.loss.backward()
        loss = out.loss.item()
        del out
        if step > args.warmup:
            timed += time.perf_counter() - start
        print(f"step {step}/{args.warmup + args.steps}")

    ms_per_step = timed * 1000 / args.steps
    figures = {
        "implementation": f"transformers {transformers.__version__} LlamaForCausalLM, {args.attention} attention, "
                          f"PyTorch {torch.__version__} eager",
        "attention": args.attention,
        "threads": torch.get_num_threads(),
        "batch": args.batch,
        "sequence": args.sequence,
        "parameters": parameters,
        "warmup": args.warmup,
        "steps": args.steps,
        "ms_per_step": ms_per_step,
        "tokens_per_second": args.batch * args.sequence / (ms_per_step / 1000),
        "peak_rss_bytes": peak_rss_bytes(),
        "loss": loss,
    }
    print(f"{figures['tokens_per_second']:,.0f} tokens/s, {ms_per_step:.0f} ms/step, "
          f"peak RSS {figures['peak_rss_bytes'] / 2**30:.2f} GiB, loss {loss:.4f}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
