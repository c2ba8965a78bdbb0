"""Greedy generation throughput of transformers `generate` on the CPU, for comparison with mopo's generator.

Loads a checkpoint folder (`AutoModelForCausalLM.from_pretrained`, fp32), makes a batch of random prompt ids
(fixed seed, ids drawn from [3, vocab) so no pad/bos/eos; all prompts the same length, so no padding), and
runs `model.generate(do_sample=False, max_new_tokens=N, min_new_tokens=N)`: eos is suppressed until the
budget is reached, so every row generates exactly N tokens and every round does the same work. One warm-up
round, then `--rounds` timed rounds (KV cache on, the default). Tokens/s counts generated tokens only
(batch x new tokens per round); the prompt's prefill is inside the timing. Peak memory is the process's
VmHWM, as in llama_speed.py. Threads: N intra-op, 1 inter-op.

    ~/.ref/bin/python mopo-bench/scripts/generate_speed.py --model DIR --threads 2 --json torch-generate.json

Needs torch and transformers (tested with torch 2.13.0, transformers 5.18.0); not used by any test.
"""
import argparse
import json
import os
import time

import torch
import transformers
from transformers import AutoModelForCausalLM, GenerationConfig


def peak_rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return -1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="a checkpoint folder (config.json + safetensors)")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--prompt-tokens", type=int, default=64)
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (after one warm-up round)")
    parser.add_argument("--attention", choices=["sdpa", "eager"], default="sdpa",
                        help="transformers' attention: sdpa (its default) or eager (matmul + softmax)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    model = AutoModelForCausalLM.from_pretrained(args.model, dtype=torch.float32,
                                                 attn_implementation=args.attention).eval()
    config = model.config
    limit = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None)
    if limit is not None and args.prompt_tokens + args.new_tokens > limit:
        parser.error(f"--prompt-tokens + --new-tokens = {args.prompt_tokens + args.new_tokens} exceeds the "
                     f"model's {limit} positions")
    parameters = sum(p.numel() for p in model.parameters())
    generator = torch.Generator().manual_seed(args.seed)
    ids = torch.randint(3, config.vocab_size, (args.batch, args.prompt_tokens), generator=generator)
    mask = torch.ones_like(ids)
    pad = config.pad_token_id if config.pad_token_id is not None else 0
    generation = GenerationConfig(do_sample=False, max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens,
                                  pad_token_id=pad, eos_token_id=config.eos_token_id)
    print(f"transformers {transformers.__version__} {type(model).__name__} ({args.attention} attention), "
          f"{parameters:,} parameters, from {args.model}; batch {args.batch} x prompt {args.prompt_tokens} "
          f"+ {args.new_tokens} new tokens, greedy, fp32, CPU, {torch.get_num_threads()} threads "
          f"({torch.get_num_interop_threads()} inter-op), 1 warm-up + {args.rounds} timed rounds")

    timed = 0.0
    with torch.inference_mode():
        for round_ in range(args.rounds + 1):
            start = time.perf_counter()
            out = model.generate(input_ids=ids, attention_mask=mask, generation_config=generation)
            elapsed = time.perf_counter() - start
            generated = out.shape[1] - args.prompt_tokens
            if generated != args.new_tokens:
                raise SystemExit(f"generated {generated} tokens per row, expected {args.new_tokens}")
            if round_ > 0:
                timed += elapsed
            label = "warm-up" if round_ == 0 else f"round {round_}/{args.rounds}"
            print(f"{label}: {elapsed:.2f} s, {args.batch * args.new_tokens / elapsed:,.1f} tokens/s")

    tokens = args.batch * args.new_tokens * args.rounds
    figures = {
        "implementation": f"transformers {transformers.__version__} {type(model).__name__} generate, "
                          f"{args.attention} attention, PyTorch {torch.__version__} eager",
        "model": os.path.abspath(args.model),
        "attention": args.attention,
        "threads": torch.get_num_threads(),
        "batch": args.batch,
        "prompt_tokens": args.prompt_tokens,
        "new_tokens": args.new_tokens,
        "parameters": parameters,
        "seed": args.seed,
        "warmup_rounds": 1,
        "rounds": args.rounds,
        "seconds_per_round": timed / args.rounds,
        "ms_per_new_token_step": timed * 1000 / (args.rounds * args.new_tokens),
        "tokens_per_second": tokens / timed,
        "peak_rss_bytes": peak_rss_bytes(),
    }
    print(f"{figures['tokens_per_second']:,.1f} tokens/s, {figures['ms_per_new_token_step']:.1f} ms per step, "
          f"peak RSS {figures['peak_rss_bytes'] / 2**20:.0f} MiB")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2, sort_keys=True)
            out.write("\n")


if __name__ == "__main__":
    main()
