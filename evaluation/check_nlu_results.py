"""Fails when the held-out NLU evaluation is below the required intent macro-F1. Usage: REPORT --min-macro-f1 X"""

import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", help="intent_report.json written by `rasa test nlu`")
    parser.add_argument("--min-macro-f1", type=float, required=True)
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)
    macro_f1 = report["macro avg"]["f1-score"]
    print(
        f"Held-out NLU: intent macro-F1 {macro_f1:.3f}, accuracy {report['accuracy']:.3f} "
        f"(required macro-F1 >= {args.min_macro_f1})"
    )
    weak = {
        name: scores["f1-score"]
        for name, scores in report.items()
        if isinstance(scores, dict)
        and "f1-score" in scores
        and name not in ("macro avg", "weighted avg", "micro avg")
        and scores["f1-score"] < args.min_macro_f1
    }
    for name, f1 in sorted(weak.items(), key=lambda kv: kv[1]):
        print(f"  below target: {name} F1 {f1:.3f}")
    if macro_f1 < args.min_macro_f1:
        print("FAILED: held-out intent macro-F1 is below the target.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
