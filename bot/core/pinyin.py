"""Messages typed in toneless pinyin, matched against the library's Chinese examples.

People without a Chinese keyboard, or helping a parent from abroad, type the sounds:
"wo erzi gei mai zhuangbei de ren zhuan le san ci qian". The library's examples are in
characters. At load time each Chinese example also gets a pinyin version (pypinyin,
syllables apart), and a message that reads as pinyin has its words split into the same
syllables ("zhuangbei" -> "zhuang bei"), so the two meet on syllables and syllable pairs.
Only the matcher's features use this; the urgency rules read the text as typed.
"""

from __future__ import annotations

import gc
import re
import sys
from functools import lru_cache

# Every toneless syllable of Mandarin (u-umlaut written v), as pypinyin spells them;
# the bare nasals (m, n, ng, hm) are left out: as words they are English or typos.
_SYLLABLE_LIST = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo
    bong bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng
    chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui
    cun cuo da dai dan dang dao de dei den deng di dia dian diao die din ding diu dong
    dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga
    gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai
    han hang hao he hei hen heng hng hong hou hu hua huai huan huang hui hun huo ji jia
    jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei
    ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len
    leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma
    mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan
    nang nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu nuan
    nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po
    pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re
    ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha
    shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
    shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian
    tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu
    xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi
    yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai
    zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
    zhun zhuo zi zong zou zu zuan zui zun zuo
"""
SYLLABLES = frozenset(_SYLLABLE_LIST.split())
_LONGEST = max(map(len, SYLLABLES))
_ASCII_WORD = re.compile(r"[a-z]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Of a message's Latin words, this share must be pinyin for it to read as pinyin; few
# English words are ("he", "she", "you", "can", "long"), and "i", "the", "to" are not.
PINYIN_SHARE = 0.75
MIN_WORDS = 3


@lru_cache(maxsize=4096)
def split_syllables(word: str) -> tuple[str, ...] | None:
    """The word as the fewest pinyin syllables ("zhuangbei" -> zhuang, bei), or None."""
    n = len(word)
    best: list[tuple[str, ...] | None] = [()] + [None] * n
    for end in range(1, n + 1):
        for size in range(1, min(_LONGEST, end) + 1):
            head = best[end - size]
            piece = word[end - size : end]
            current = best[end]
            if (
                head is not None
                and piece in SYLLABLES
                and (current is None or len(head) + 1 < len(current))
            ):
                best[end] = (*head, piece)
    return best[n]


def looks_like_pinyin(text: str) -> bool:
    """True when most Latin words of the (normalised) text are pinyin."""
    words = _ASCII_WORD.findall(text)
    if len(words) < MIN_WORDS:
        return False
    allowed_misses = int(len(words) * (1 - PINYIN_SHARE))
    misses = 0
    for word in words:
        if split_syllables(word) is None:
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def spaced(text: str) -> str:
    """A pinyin message with its words split into syllables; any other text unchanged."""
    if not looks_like_pinyin(text):
        return text

    def split(m: re.Match[str]) -> str:
        parts = split_syllables(m.group(0))
        return " ".join(parts) if parts else m.group(0)

    return _ASCII_WORD.sub(split, text)


def to_pinyin(text: str) -> str:
    """Chinese characters as toneless syllables, one space apart; the rest as it was."""
    from pypinyin import Style, lazy_pinyin  # only when the library is indexed

    parts = lazy_pinyin(text, style=Style.NORMAL, v_to_u=False, neutral_tone_with_five=False)
    return " ".join(p.replace("ü", "v") for p in parts)


def release() -> None:
    """Let go of pypinyin's dictionaries (about 45 MB) once an index is built.

    Only indexing needs them; holding them while the index's features are counted made
    a large library's build overrun its memory target. The next build imports them again.
    """
    for name in [m for m in sys.modules if m == "pypinyin" or m.startswith("pypinyin.")]:
        del sys.modules[name]
    gc.collect()


def has_chinese(text: str, at_least: int = 4) -> bool:
    return len(_CJK.findall(text)) >= at_least
