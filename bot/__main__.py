"""Command line: check, eval, chat, content validate, log."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.core.content import ContentError, load_library
from bot.core.matching import Assessment, Matcher
from bot.settings import Settings


def _matcher(content: Path | None, settings: Settings) -> Matcher:
    from bot.core.matcher_cache import load_matcher

    return load_matcher(content or settings.content_dir, settings.cache_dir)


def _verdict_text(a: Assessment, matcher: Matcher) -> str:
    """A short human verdict in the language of the text, for `check` without --json."""
    zh = a.language != "en"
    pattern = matcher.library.pattern_by_id.get(a.pattern or "")
    risk_word = {
        "high": ("高风险", "HIGH RISK"),
        "medium": ("中风险", "MEDIUM RISK"),
        "low": ("低风险", "LOW RISK"),
    }[a.risk][0 if zh else 1]
    if pattern is None:
        head = "未发现明显的诈骗特征。" if zh else "No known scam pattern found."
        lines = [f"[{risk_word}] {head}"]
    else:
        title = pattern.title.zh if zh else pattern.title.en
        lines = [f"[{risk_word}] {title}"]
        steps = pattern.if_money_lost if a.urgent else pattern.what_to_do
        lines += [f"- {s}" for s in (steps.zh if zh else steps.en)]
    if a.urgent and pattern is None:
        lines.append(
            "钱已转出：立即拨打 110，并联系银行止付。"
            if zh
            else "Money already sent: call 110 and your bank now."
        )
    lines.append("报警 110 · 反诈专线 96110" if zh else "Police 110 · Anti-fraud hotline 96110")
    return "\n".join(lines)


def _safe_assess(matcher: Matcher, line: str) -> dict[str, object]:
    try:
        return matcher.assess(line).as_dict()
    except Exception as exc:  # one bad line must not stop the stream
        return {
            "category": "none",
            "risk": "low",
            "urgent": False,
            "pattern": None,
            "score": 0.0,
            "matches": [],
            "entities": {},
            "error": f"could not assess this line: {type(exc).__name__}",
        }


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    matcher = _matcher(args.content, settings)
    if args.jsonl:
        stdin = sys.stdin.buffer
        for raw in stdin:
            text = raw.decode("utf-8", "replace").rstrip("\r\n")
            print(json.dumps(_safe_assess(matcher, text), ensure_ascii=False), flush=True)
        return 0
    if args.text is None:
        print("check: give the text to check, or use --jsonl with input on stdin", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(_safe_assess(matcher, args.text), ensure_ascii=False))
    else:
        print(_verdict_text(matcher.assess(args.text), matcher))
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.evaluation import evaluate

    matcher = _matcher(args.content, settings)
    matcher.use_fuzzy = not args.no_fuzzy
    matcher.use_signals = not args.no_signals
    matcher.use_bayes = not args.no_bayes
    matcher.use_stages = not args.no_stages
    matcher.use_urgency_model = not args.no_urgency_model
    report = evaluate(matcher, args.file)
    print(report.render(show_misses=not args.quiet))
    return 0


def cmd_content_validate(args: argparse.Namespace, settings: Settings) -> int:
    folder = args.dir or settings.content_dir
    try:
        lib = load_library(folder)
    except ContentError as exc:
        print(f"The content in {folder} has {len(exc.problems)} problem(s):")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    print(
        f"OK: {len(lib.patterns)} patterns, {len(lib.tips)} tips, "
        f"{len(lib.categories)} categories, {len(lib.concepts)} concepts, "
        f"{sum(map(len, lib.cases.values()))} cases, "
        f"{sum(map(len, lib.risk_phrases.values()))} risk phrases in {folder}"
    )
    return 0


async def _chat(settings: Settings) -> int:
    import getpass

    from bot.channels.terminal import CHANNEL, run_chat
    from bot.core.identity import user_ref
    from bot.runtime import open_runtime
    from bot.storage.db import hide_password

    runtime = await open_runtime(settings)
    print(f"Consultation log: {hide_password(runtime.db.url)}  (fraudbot log list)", flush=True)
    ref = user_ref(CHANNEL, getpass.getuser(), settings.user_ref_secret.get_secret_value())
    try:
        await run_chat(runtime.service, user_ref=ref, stdin=sys.stdin, stdout=sys.stdout)
    finally:
        await runtime.close()
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    try:
        return asyncio.run(_chat(settings))
    except KeyboardInterrupt:
        return 0


def _serve(settings: Settings) -> int:
    from bot.serve import cmd_serve

    return cmd_serve(settings)


def _lazy_command(sub: Any, name: str, help_text: str, adder: str) -> None:
    """Register a command whose module (and its database imports) loads only when used.

    `fraudbot check` must start fast; importing the storage stack for every command
    would cost it a third of a second.
    """

    def run(args: argparse.Namespace, settings: Settings) -> int:
        module_name, func_name = adder.split(":")
        add_parser = getattr(importlib.import_module(module_name), func_name)
        parser = argparse.ArgumentParser(prog="fraudbot")
        add_parser(parser.add_subparsers(dest="command", required=True))
        real = parser.parse_args([name, *args.rest])
        return int(real.func(real, settings))

    command = sub.add_parser(name, help=help_text, add_help=False)
    command.add_argument("rest", nargs=argparse.REMAINDER)
    command.set_defaults(func=run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fraudbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="assess one description, or a stream of them")
    check.add_argument("text", nargs="?")
    mode = check.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--jsonl", action="store_true", help="one message per stdin line")
    check.add_argument("--content", type=Path, help="use another content folder")
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser("eval", help="accuracy figures on a labelled JSONL file")
    ev.add_argument("file", type=Path)
    ev.add_argument("--content", type=Path)
    ev.add_argument("--quiet", action="store_true", help="do not list the misses")
    ev.add_argument("--no-fuzzy", action="store_true", help="ablation: no rapidfuzz re-rank")
    ev.add_argument("--no-signals", action="store_true", help="ablation: no signal phrases")
    ev.add_argument("--no-bayes", action="store_true", help="ablation: no naive Bayes evidence")
    ev.add_argument(
        "--no-stages", action="store_true", help="ablation: urgency from phrasing rules only"
    )
    ev.add_argument(
        "--no-urgency-model",
        action="store_true",
        help="ablation: no whole-story urgency model learned from the cases",
    )
    ev.set_defaults(func=cmd_eval)

    chat = sub.add_parser("chat", help="talk to the bot in the terminal (the main job)")
    chat.set_defaults(func=cmd_chat)

    serve = sub.add_parser("serve", help="run the web app and every configured channel")
    serve.set_defaults(func=lambda args, settings: _serve(settings))

    _lazy_command(
        sub, "log", "staff: list, show and export consultations", "bot.log_cli:add_log_parser"
    )
    _lazy_command(
        sub,
        "push",
        "tips and alerts: run-once, alert, figures, campaign",
        "bot.push.cli:add_push_parser",
    )

    content = sub.add_parser("content", help="work with the content folder")
    csub = content.add_subparsers(dest="content_command", required=True)
    validate = csub.add_parser("validate", help="check every content file")
    validate.add_argument("dir", nargs="?", type=Path)
    validate.set_defaults(func=cmd_content_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and not hasattr(args, "rest"):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if unknown:
        args.rest = [*unknown, *args.rest]
    settings = Settings()
    try:
        return int(args.func(args, settings))
    except ContentError as exc:
        print("The content folder has problems; run `fraudbot content validate`:", file=sys.stderr)
        for problem in exc.problems[:20]:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`fraudbot eval FILE | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
