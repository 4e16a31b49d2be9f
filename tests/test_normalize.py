from __future__ import annotations

from bot.core.normalize import (
    detect_language,
    extract_entities,
    luhn_ok,
    mask_text,
    normalize,
)


def test_normalize_folds_width_case_script_and_variants() -> None:
    assert normalize("ＡＢＣ　１２３") == "abc 123"
    assert normalize("請轉帳到安全帳戶") == "请转账到安全账户"
    assert normalize("  Safe\t\nAccount  ") == "safe account"
    assert "帐篷" in normalize("帳篷")


def test_detect_language() -> None:
    assert detect_language("我的银行卡被冻结了") == "zh"
    assert detect_language("我的銀行卡被凍結了，對方說要轉帳") == "zh-hant"
    assert detect_language("my card is frozen, they want a code") == "en"
    assert detect_language("") == "en"


def test_entities_are_found_and_masked() -> None:
    text = (
        "对方电话138-1234-5678，让我转到卡号 6222 0202 0000 0000 004 (错的) 或 4111111111111111，"
        "身份证110101199003074477，链接 http://xx-etc.cn/a 还有 abc.top/k，转了五千，又转2万元，"
        "QQ号 12345678，微信号: fake_kefu01"
    )
    e = extract_entities(text)
    assert e.phones == ("*******5678",)
    assert e.cards == ("************1111",)
    assert e.ids == ("**************4477",)
    assert "http://xx-etc.cn/a" in e.urls and "abc.top/k" in e.urls
    assert 5000.0 in e.amounts and 20000.0 in e.amounts
    assert e.qq == ("****5678",)
    assert e.wechat == ("fake_kefu01",)


def test_luhn() -> None:
    assert luhn_ok("4111 1111 1111 1111")
    assert not luhn_ok("4111 1111 1111 1112")


def test_mask_text_keeps_last_four() -> None:
    masked = mask_text("call 13812345678, card 6222020200000000004, id 11010119900307447X")
    assert "13812345678" not in masked and "5678" in masked
    assert "6222020200000000004" not in masked and "0004" in masked
    assert "447X" in masked and "110101" not in masked
    assert mask_text("转了5000块") == "转了5000块"


def test_written_cantonese_reads_as_mandarin() -> None:
    text = normalize("阿媽話佢匯咗四十萬俾個安全戶口，而家電話打唔通")
    assert "汇了四十万" in text and "他" in text and "给" in text and "现在" in text
    assert "不通" in text
    assert normalize("我們的關係很好") == "我们的关系很好"  # 係 in 關係 is left alone


def test_taiwan_phrases_change_only_traditional_text() -> None:
    # Mainland text stays as written: Taiwan's 程序 is the mainland's 进程, so phrase
    # conversion applied to simplified text would turn 小程序 into 小进程.
    assert "小程序" in normalize("在官方小程序上缴费") and "文件" in normalize("文件已下载")
    assert normalize("他叫我下載視訊軟體") == "他叫我下载视频软件"
    assert detect_language("在小程序里交的文件费") == "zh"


def test_phrases_that_change_length_do_not_break_language_detection() -> None:
    # tw2sp turns 部落格 into 博客 and 網際網路 into 互联网: fewer characters out than in.
    for text in ("我在部落格看到一個投資老師", "網際網路上的隨身碟特價", "程式設計課程退費"):
        assert detect_language(text) == "zh-hant"
        assert normalize(text)


def test_a_message_typed_in_pinyin_is_answered_in_chinese() -> None:
    assert detect_language("wo erzi gei ta zhuan le liang wan, xian zai lian xi bu shang") == "zh"
    assert detect_language("i sent him the money and now he blocked me") == "en"
