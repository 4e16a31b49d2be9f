"""Decide how urgent a description is: a demand happening now, or money already gone.

The risk rules follow the taxonomy: `high` when the person is being asked now to pay,
transfer, give a code or password, share a screen, install an app or move money to a
"safe account"; `urgent` when money, a code, a password or card details have already
been handed over. Negations ("还没转", "I haven't paid") must not count as paid.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from bot.core.script_gate import (
    AnyArm,
    NeededStrings,
    is_ascii_letter,
    is_cjk,
    required_strings,
    split_by_need,
)

DEMAND_CONCEPTS = frozenset(
    {
        "demand_transfer",
        "demand_code",
        "demand_password",
        "demand_card",
        "demand_screen",
        "demand_install",
        "demand_fee",
        "demand_loan",
        "safe_account",
    }
)

_NUM = r"[\d一二两三四五六七八九十百千万几]"
_WHO = r"(?:他|她|对方|他们|骗子|客服|警官|警察|那人|那个人|老师|这个人)"
_SECRET = (
    r"(?:验证码|密码|mima|(?<![a-z])(?:yzm|yhk)(?![a-z])|卡号|cvv|安全码|身份证号|(?:信用卡|银行卡|卡)(?:资料|信息)|序号|卡密"
    r"|(?<!二维)码|card ?(?:number|no|details?|info)|(?<![a-z])(?:otp|pin|password|code)(?![a-z]))"
)
_PY_NOT = (
    r"(?<!ruguo )(?<!yaoshi )(?<!wanyi )(?<!\bpa )(?<!danxin )(?<!\bmei )(?<!meiyou )(?<!\bbu )"
    r"(?<!\bbie )(?<!fangzhi )(?<!bimian )(?<!\bhui )(?<!pa ta )(?<!pa wo )(?<!pa wo ma )(?<!pa wo ba )(?<!danxin ta )(?<!danxin wo )"
)
# How long, not how much: "我在这家银行存了二十年", "房贷贷了三十年", "交了十几年社保".
_LONG = rf"(?!{_NUM}+\s*(?:多)?\s*(?:年(?!级)|个多?月|下|遍|次|回|趟|个?赞|条|个?视频))"
# ... and a sum that went to the writer ("他转了两千给我当定金") is none of theirs.
_TO_WRITER_AFTER = r"(?![\d一二两三四五六七八九十百千万几多块元wk\s]*(?:钱)?(?:给|还)我)"
_ZH_PAID = [
    rf"(?:转|汇|付|充|交|投|打|垫|存|贷|借|储值|入金|花|寄|念|报|买)(?:了|过去了?|出去了?|进去了?|过)\s*(?:大概|差不多|将近|总共|一共|好)?\s*{_LONG}{_NUM}"
    rf"{_TO_WRITER_AFTER}",
    # "我入金五十万", "我把登录名和密码给他": the writer did it, unless told to ("让我...").
    rf"(?<![让叫要请逼催])我(?:又|再|就|先后)?(?:入金|充值|转账|汇款|汇了|转了)\s*{_NUM}",
    r"(?<![让叫要请逼催])我把[^，。,.!?！？]{0,12}(?:密码|验证码|卡号|账号|口令|pin)[^，。,.!?！？]{0,4}"
    r"(?:给|告诉|发给|报给)(?:他|她|对方|他们)",
    # A total told afterwards: "转帐三次共九万", "分三笔汇至…合计二十二万元".
    rf"(?:转|汇|付|交|充|入金|寄|垫)[^，。,.!?！？]{{0,14}}(?:合计|共计|一共|总共|共|加埋|加起来)\s*{_NUM}",
    rf"(?:转|汇|付|交|充|垫)了[^。.!?！？]{{0,10}}(?:合计|共计|一共|总共|加埋|加起来)\s*{_NUM}",
    # Sent somewhere by the writer or a relative ("就往那个卡号转了"), a sum given in mixed words ("给他 SGD 380 了"), bets lost ("结果全输").
    r"(?<![让叫要请逼])(?:往|向)(?:那个|这个|他的|她的|对方的?|他们的?)?[^，。,.!?！？]{0,6}(?:卡号|账户|账号|卡|户头)(?:里|上)?(?:转|汇|打|存)了",
    r"给(?:他|她|对方|seller|他们)\s*(?:sgd|rm|usd|hkd|\$|s\$)\s*\d[\d,.]*k?\s*了",
    r"(?:全|都)输(?:了|光)|输光了",
    # Done at the counter or as told, said of oneself or a relative (fourth session's last
    # sets): "在柜台办完了", "已经弄完了", "卡号密码都填了", "把额度都刷了", "快递员代收了1880",
    # "孩子用我手机付的", "我放进去十八万", "共汇出49,800", "让她转五万 她转了".
    r"(?:柜台|银行|atm)[^，。,.!?！？]{0,6}(?:办|弄)完了|(?:已经|都)(?:弄|办|搞)完了",
    r"(?:都|全都|全部)(?:填|输|给|发|告诉)(?:了|过去了)",
    r"额度(?:都|全)?刷(?:了|光|完)|代收了\s*\d|用我(?:的)?手机(?:付|转|充)的",
    rf"放进去了?\s*{_NUM}|(?:汇|转)出(?:了|去了)?\s*{_NUM}",
    r"(?:她|他|我妈|我爸|老人|外公|外婆|爷爷|奶奶|我婆婆|我公公)(?:就|也|都|真的)?(?:转|汇|付|交)了(?!过来|回来)"
    rf"{_TO_WRITER_AFTER}",
    # What is left ("按完我的存簿只剩两千多", "剩三百多块"), cash collected at the door, a
    # code scanned and paid.
    rf"(?:^|[，。,.!?！？\s]|存簿|存折|卡里|账户里?|户头|余额)(?:只|就|仅)?剩(?:下)?(?:了)?\s*{_NUM}+\s*(?:多)?\s*(?:块|元|万|千|百|蚊)",
    r"现金[^。.!?！？]{0,24}(?:上门|上来|上嚟|过来)来?(?:收|拿)|我扫码(?:交|付|转)了",
    # Paid by some means ("我用超商代码缴了"), a secret mailed off ("把网银密码跟提款卡寄给
    # 一个网友"), or typed in after the verb ("已经输入了我的 apple id password").
    r"我用[^，。,.!?！？]{1,8}(?:交|付|转|汇|充|买)了",
    rf"{_SECRET}[^，。,.!?！？]{{0,14}}寄给(?!我)",
    rf"(?:输入了|输了|填了|念了|报了|告诉了|给了)(?!我(?!的)|个|一个)(?:他|她|对方)?[^，。,.!?！？]{{0,14}}{_SECRET}",
    # Mixed Chinese and English: "我已经bank in了", "我 share 了", "login 过".
    r"(?:已经|刚刚|刚才)\s*(?:bank ?in|transfer|pay|paid|send|sent|paynow|duitnow|key in|login|share)"
    r"|我\s*(?:bank ?in|transfer|transferred|pay|paid|send|sent|share|shared|key in|login)\s*(?:了|过|完)",
    # A sum put into something: "我爸把二十万投进一个消费返还的平台".
    rf"(?<=[我爸妈她他])(?<!让我|要我|叫我|请我|逼我)把[^，。,.!?！？]{{0,4}}{_NUM}+\s*(?:多)?\s*(?:块|元|万|千|w|k)?(?:钱|存款|积蓄|养老钱|现金)?(?:都|全)?(?:(?:投|存|转|汇|打|充)(?:进|到|入)|借给|交给)了?(?!之前|以前|前)",
    rf"(?:转|汇|付|充|交|投|垫|存|贷|扣|刷|骗)(?:了|过|走了|掉了)\s*{_LONG}{_NUM}+\s*(?:多)?\s*(?:块|元|万|w|千|k|百)?"
    rf"{_TO_WRITER_AFTER}",
    r"(?:已经|已|刚刚|刚才|早就|陆续|前后|一共|总共)\s*(?:(?:用|从|在|拿|跟|向|帮)[^，。,.!?！？催让叫要逼请]{0,6})?(?:转|汇|付|充|交|投|存|贷|供|寄)"
    # ... not something on its way to the writer ("新卡已经寄紧俾我", "已经寄给我了").
    r"(?!紧|着|(?:给|俾|回)(?:了)?我)",
    r"(?:已经|已|刚刚|刚才)\s*(?:把钱(?![^，。,.!?！？]{0,8}(?:取出来|取了|拿出来|准备好|放在))|按他说的|照做|共享了|开了共享|告诉|报给|发给(?!我)|给了(?!我))",
    r"(?:钱)?(?:都|全)?(?:转|汇|打|付|垫|投|充|存|放|寄|快递|邮)(?:过去|出去|进去)了",
    # Found afterwards in the paperwork: receipts in a drawer, the card statement, a
    # transfer record ("抽屉里压着几张银行回单", "看到信用卡账单才发现", "多了一笔转出去的记录").
    r"(?:银行|转账|汇款)回单|汇款单|(?:账单|流水|回单|记录)(?:上)?才(?:发现|知道|看到)|转出去的记录|(?:账单|流水)[^，。,.!?！？]{0,6}才发现",
    # Told as a tally: "前后七次,一共六千多", "陆陆续续入了四次钱", "加起来七万多".
    rf"(?:前后|先后|陆续|陆陆续续)[^，。,.!?！？]{{0,6}}(?:转|汇|付|交|充|入|打|存|弄|刷|扫)"
    rf"|(?:前后|先后)\s*{_NUM}+\s*(?:次|笔|回|趟)[,，]?\s*(?:一共|总共|共|合计|加起来)\s*{_NUM}"
    rf"|加起来\s*(?:有|一共)?\s*{_NUM}+\s*(?:多)?\s*(?:万|千|块|元)",
    # The writer's hands on the other side's page: "按了确认", "输了他报的收款人".
    r"(?:按|点)了确认|输了(?:他|她|对方)(?:报|给|发)的|就(?:这么|这样)没了|(?:当场|现场)就?(?:刷卡|付|交|转)了",
    r"已经把[^，。,.!?！？]{0,16}(?:寄|快递|交|给|转|汇|打|邮)",
    # The other side confirming receipt in a pasted chat: "对方:收到了,再来一万".
    r"(?:对方|他|她)[:：]\s*(?:收到了?[,，]?\s*(?:再|还)|还差|还少)",
    # ... and the writer's own "done" in it: "我：好了，你删吧".
    r"我[:：]\s*(?:好了|弄好了|搞定了?|转了|付了|给了|已经(?:转|付|给|打|汇)|ok了)",
    rf"{_SECRET}.{{0,8}}(?:给了|告诉了|告诉他了|告诉(?:人家|对方|他们|那人|别人)了|发给了|发过去了|报给了|报了|念给了|输了|输入了|填了|发了|传了|说了|转了给|转给了)(?!一半|半截)",
    rf"(?:给了(?!\s*(?:我|你)?\s*(?:一)?\s*个)|告诉了|发给了|报给了|念给了|输入了|输了|填了|填写了)\s*{_WHO}?.{{0,6}}{_SECRET}",
    rf"(?:把)?{_SECRET}(?:给|告诉|发给|报给|念给)(?:了{_WHO}|{_WHO}了)",
    rf"{_SECRET}.{{0,12}}(?:都|全)?(?:给|告诉|发给|报给|念给){_WHO}了",
    r"(?<![让叫要请逼催]我)(?<![让叫要请逼催])把[^，。,.!?！？]{0,14}(?:转|汇|打|存)(?:到|进|给|入)[^，。,.!?！？]{0,16}了",
    r"(?:把|将)(?:张|这张|那张|我的)?(?:银行卡|卡|账户|账号|户口|微信|支付宝|手机卡|电话卡).{0,8}(?:借|卖|租|交|寄)了?给",
    r"被过户|骗光|全没了|打水漂|被取走|被借走|被刷走|被转走",
    # ... but a name given to sign up, or a report to the police, is no loss ("我报了名").
    r"我(?:也|都|就|又|还)?(?:垫|补|交|转|扫|付|念|读|讲|报|按|充|汇|给|投|储值|操作|照办|买)(?:了|完|过)(?!个?名|警|案)",
    # A sum handed over: "佢已經俾咗三萬蚊現金" -> "给了三万蚊".
    rf"(?:给|付|交)了\s*{_NUM}+\s*(?:多)?\s*(?:万|千|百|块|元|蚊)",
    # Went and did it ("我去银行柜台转了"), took a sum to invest ("拿三十万投资什么园区"),
    # broke a fixed deposit for it ("把定存解约").
    r"我(?:就|也|又|还)?去(?:了)?[^，。,.!?！？]{0,8}(?:转|汇|交|付|存)了"
    rf"|拿(?:了)?\s*{_NUM}+\s*(?:多)?\s*(?:万|千|百|块|元|蚊)?\s*(?:去)?(?:投资|投|买|入股)"
    r"|(?:已经|就|都|早就)把定存解(?:约|了)|定存(?:已经|都)解(?:约|了)",
    # "我存了" told as the deed asked for, not years of saving or a fixed deposit.
    r"我(?:也|都|就|又|还)?存了(?![^，。,.!?！？]{0,6}(?:年|定期|银行里|个月))",
    # Cantonese "过数": "我过了五千块过去".
    rf"过了\s*{_NUM}[^，。,.!?！？]{{0,6}}过去",
    # "钱转了", "钱都给了" said plainly.
    r"钱(?:都|全|已经|已)?(?:转|汇|打|付|给)(?:了|出去了)",
    r"(?:弄|操作|做)(?:完了|了\s*[\d一二两三四五六七八九十几]+\s*(?:笔|次|单|万|千))"
    # ... unless what followed was being paid ("做了几单他真的过了50给我"): that is the bait.
    r"(?![^。.!?！？]{0,14}(?:赚|挣|返|拿到|得了|收到|给我|到账))"
    r"|我(?:也|就|又)?发了.{0,6}红包",
    r"借(?:钱|了).{0,12}(?:转|打|汇)(?:过去|给)|(?:放|存)(?:进|到)了?.{0,12}(?:账号|账户|卡)(?:里)?了",
    r"(?:放|存|投)在[^，。,.!?！？]{0,12}(?:平台|账户|账号|app|项目|公司)(?:里|上)?了",
    r"(?:拿去|拿给|送去|送给)(?:给)?(?:他|她|对方|他们|那个人)",
    r"(?:钱|卡里|余额|账户|账上|户口).{0,6}(?:少了|不见了|没了|mei ?了|mei ?le\b|变成0|清零|被转)",
    r"(?:已经|都)(?:报|说|告诉|念|给|发|交|转|付|充|投|汇|按)(?:了|过|给)(?!我)",
    r"都跟(?:他|她|对方|他们)说了|(?:念|读)给.{0,3}听|(?:就|都)(?:去)?(?:交|转|付|汇|充|取)了|交给[^，。,.!?！？]{0,10}了",
    r"(?:卡|密码|u盾|身份证).{0,6}(?:都)?在(?:他|她|对方|他们)(?:那|手里|手上)",
    r"按(?:他|她|对方)说的(?:操作|做)(?:完|了)",
    r"(?<![让叫要请逼我])(?<![让叫要请逼]我)(?:按|照)着?(?:他|她|对方)(?:说|讲)的[^，。,.!?！？]{0,8}(?:操作|做|转|弄|交给|汇)",
    r"(?:余额|卡里|账户|账上|户口|存折|簿仔)[^，。,.!?！？]{0,4}(?:只剩|就剩|只剩下|得返|净系剩|仲剩|净返|净系)\s*(?:几|\d|一|两)",
    r"开了\s*(?:share|屏幕共享|共享屏幕)",
    # Proof of payment sent on ("回单发您", "截图发你"): the transfer is done.
    r"(?:回执|回单|凭证)\s*(?:已经)?(?:拍|发|传)(?:给)?(?:您|你|他|她|对方|过去)",
    # Did as told ("照着电话里的指示按了好几次", "照她说的办了", "我就配合了").
    r"(?:照|按)着?(?:他|她|对方|电话里|群里)?的?(?:说的|指示|要求|提示|步骤|讲的)[^，。,.!?！？]{0,8}"
    r"(?:办了|做了|按了|操作了|弄了|走完了|转了|办完了|点了)",
    r"(?:我|他|她|我妈|我爸)(?:就|都|也|全)配合了|(?:已经|都)(?:办完了|走完了|操作完了)",
    r"(?:我|他|她|妈|爸)(?:就|都|也|还)?(?:照做了|照办了|照着做了)"
    r"|最后(?:还是|就|也)?(?:转|付|交|汇|给|打)了|我(?:就|也|都|还)?(?:给|帮)(?:他|她|对方|他们)(?:转|汇|打|付|充|交)了"
    rf"|(?:平台|app|账户|账号)(?:上|里)?入金了?\s*{_NUM}|(?:收|拿|骗|扣)了我\s*{_NUM}"
    r"|(?:付|交|缴)了[^，。,.!?！？\s]{0,4}(?:邮费|运费|手续费|保证金|解冻费|税|服务费|押金|定金|订金|会员费|激活费|认证费)"
    r"|叫我(?:按|做|点|转|输|填)什么我就(?:按|做|点|转|输|填)什么"
    # A link opened and then filled in ("我妈就点了还填了"), a refund sent back to a
    # "customer" who overpaid ("我没细查就退了").
    r"|点(?:开)?了[^，。,.!?！？]{0,3}(?:还|也|又|就|然后)(?:填|输)(?:了|完|进去了)"
    r"|我[^，。,.!?！？]{0,6}就(?:给(?:他|她|对方))?退(?:了|回去了?|过去了?)(?!群|货|款给我)"
    # The writer's "我打了" answering a demand to pay a sum in ("让俺先打八千到一个卡上 俺打了").
    # (A sum, not a number to ring: "让我打96110 我打了" is a call.)
    r"|打(?:\d{1,6}\s*(?:块|元|万|千)|[一二两三四五六七八九十百千万几]+(?:块|元|万|千|百)?)[^。]{0,30}?"
    r"[，。,.!?！？\s](?P<deed>我(?:就|也)?打(?:了|过去了)(?=[，。,.!?！？\s]|$))",
    # Savings that shrank: "存折少了三万多", "只剩200多块", "余额从3万变成0".
    r"(?:存折|簿仔|存款|积蓄|养老钱|退休金)[^，。,.!?！？]{0,6}(?:少了|没了|不见了)",
    # A debit told by the bank's own message: "又来了一条短信说消费了9800元".
    rf"(?:短信|通知|提醒|信息)[^，。,.!?！？]{{0,4}}(?:说|显示|提示)?(?:消费|扣款|扣费|支出|转出|扣除)了?\s*{_NUM}",
    # The numbers read out, more than once: "念了三遍", "报了两回" ("我说了两遍我不要" is
    # only insisting).
    rf"我(?:就|都|也|又)?(?:念|读|报)了\s*{_NUM}\s*(?:遍|回|次)",
    rf"(?:只剩|就剩|只剩下|得返|净系剩)\s*{_NUM}+\s*(?:多)?\s*(?:块|元|毛|蚊)",
    r"(?:balance|余额)[^，。,.!?！？]{0,12}(?:变成|剩)\s*(?:0|零)(?![\d.])",
    # Money put in with a unit ("放了十万", "入了五万块落他的户口", "帮了他一万五").
    rf"(?:放|入|押)了\s*{_NUM}+\s*(?:多)?\s*(?:万|千|百|块|元|蚊|w|k)",
    rf"帮了?(?:他|她|对方)\s*{_NUM}+\s*(?:多)?\s*(?:万|千|百|块|元|蚊)?",
    r"key\s?in\s*了|(?:搞定|弄好)了[^，。,.!?！？]{0,3}截图",
    # The writer's own transfer without a "了" ("我把50w分好几笔转给不同的个人账户"),
    # split into several payments, and Cantonese 过数 ("过了三次数", "用转数快过了980蚊").
    r"(?<![让叫要请逼催])我把[^，。,.!?！？]{0,14}(?:转|汇|打)给(?!我)",
    rf"分\s*(?:好几|几|{_NUM}+)\s*(?:笔|次)\s*(?:转|汇|打|付|交)",
    # Cantonese 过数 (pay over): done only with 了 or 已经 ("过咗数", "已经过数"), not in
    # "要我先过数" or "我准备过数".
    rf"过了\s*(?:{_NUM}+\s*(?:次|笔))?\s*数(?![天日月年小时分钟周个十百千万])|(?:已经|已|都)过\s*数"
    rf"|过数了(?!吗|没|未)|过了\s*[\d{_NUM[1:-1]}]+\s*(?:蚊|块|元|万|千)",
    r"(?:转|汇|打|存|充|投)(?:到|进|入)[^，。,.!?！？]{0,16}了(?!吗)",
    r"yi ?jing (?:zhuan|hui|fu|chong|gei|jiao|tou|da|dian ?fu|dian|cun|jie) ?le|已经\s*(?:transfer|paid|pay|sent|send|top|fill|key|type|enter|input|submit)"
    r"|(?:已经|yijing|(?<![a-z])yj)\s*(?:zz|hk|fk|dk|zhuanzhang|huikuan|fukuan|dakuan)\s*(?:了|le\b)"
    # ... and the code given in pinyin: "yzm gei ta le", "mima fa gei ta le".
    r"|(?:验证码|密码|mima|mi ma|yzm|yan ?zheng ?ma)\s*(?:gei|fa ?gei|gao ?su|gaosu|bao ?gei|nian ?gei) ?(?:ta|duifang|ta men)? ?le\b",
    # Pinyin past tense ("wo zhuan le 5 wan", "wo fu le"), and English verbs in Chinese
    # sentences ("我 transfer 了 6000").
    r"(?<!gei )\b(?:wo|ta|wo ma|wo ba|haizi|erzi|nver|wo erzi|wo nver|ye ye|nai nai|lao ren|lao ba|lao ma)"
    r" (?:yijing |xian |you |ye |dou )?(?:zhuan|hui|fu|gei|jiao|tou|chong|da|dian ?fu|gaosu"
    r"|hui ?kuan|fu ?kuan|sao|cun) ?le\b",
    # Pinyin: the secret typed in ("tian le kahao he mima", "mima dou shu jinqu le") and
    # the money gone ("qian dou mei le").
    r"\b(?:tian|shu|shuru|fa|gaosu ta) ?(?:jin ?qu )?le (?:ka ?hao|mi ?ma|yzm|yan ?zheng ?ma)"
    r"|\b(?:shu|tian|shuru) ?jin ?qu ?le\b|\bqian (?:dou |quan |yijing )?(?:mei ?le|mei you le|bu jian le|shao le)\b"
    # ... a clause that is only the deed ("xian fu dingjin 300, fu le, ta jiu la hei le"),
    # money missing from the card, a sum paid, the secret told to someone.
    r"|(?:^|[,.;，。；]\s*)(?:wo |ta )?(?:fu|jiao|chong|zhuan|gei|gaosu ta|da|hui|fa|nian|bao|dian|dian fu) le\s*(?:[,.;，。；]|$)"
    r"|\bqian (?:bei zhuan zou|mei le|bu jian le)\b|\b(?:yu ?e|ka li)[^,.;]{0,16}mei le\b"
    r"|\bka ?li (?:de qian )?(?:shao|mei|kou|bei kou|bei zhuan) ?le\b"
    r"|\b(?:zhuan|hui|fu|chong|jiao|gei) le \d"
    r"|\b(?:mima|mi ma|yanzhengma|yzm|mibao) (?:gaosu|gei|fa gei) (?:[a-z]+ ){0,3}le\b",
    # ... "wo gei ta zhuan le" (to him, not to me), and "bei ren pian zou le".
    # Pinyin conditions and fears ("ruguo bei pian le", "pa bei pian") are no event.
    rf"{_PY_NOT}(?<!rang wo )(?<!jiao wo )(?<!yao wo )\bgei (?:ta|ta men|duifang|pianzi) ?(?:zhuan|hui|fu"
    r"|chong|da|fa|jiao|dianfu) ?le\b",
    rf"{_PY_NOT}\bbei (?:ren )?pian\b|{_PY_NOT}(?<!bei )\bpian (?:zou|guang|le)\b",
    # ... to someone named at more length ("gei youxi li de ren zhuan le san ci"), and a
    # count of payments ("zhuan le san ci qian", "fu le 3 bi").
    rf"{_PY_NOT}(?<!rang wo )(?<!jiao wo )(?<!yao wo )\bgei (?!wo\b|ni\b)(?:[a-z0-9]+ ){{1,8}}?(?:zhuan|hui|fu|chong|da)"
    r" ?le\b|\b(?:zhuan|hui|fu|chong|jiao) le (?:\d+|yi|liang|san|si|wu|ji|hao ji) ?(?:ci|bi)\b",
    # ... but a picture or a link sent is no payment ("还send了好多profit截图").
    r"(?:transfer|pay|paid|send|sent|top up|deposit|fill in|filled in|key in|keyed in|type|typed|enter|input|submit)\w*\s*了(?!\s*(?:我|给我|过来|过嚟))"
    r"(?![^，。,.!?！？]{0,8}(?:截图|图片|照片|screenshot|pic|photo|消息|信息|短信|link|链接|二维码|网址|视频|语音))",
    r"扣款短信|刷卡通知|扣款通知|被刷了|钱被转|余额没了|卡里的钱没了|消费提醒.{0,6}扣",
    # Someone came for it ("那个人上门来拿走的", "他拿走了存折"), or it went to them
    # ("钱给他了", "我妈给她发了三千"), or it was spent as told ("把定存解了拿去买...").
    r"(?:他|她|对方|那人|那个人|他们|的人|个人|有人|男的|女的|快递员?)[^，。,.!?！？]{0,6}(?:拿走|取走|收走|带走)(?:了|的)"
    r"|(?:拿走|取走|收走|带走)了[^，。,.!?！？]{0,4}(?:存折|银行卡|卡|钱|现金|金条|金子|首饰|黄金)",
    rf"钱(?:都|全|已经|已)?(?:给|交给|转给|打给|汇给){_WHO}了|给(?!我)[^，。,.!?！？]{{0,6}}?(?:发|转|打|汇)了\s*{_NUM}+(?!\s*(?:条|张|个|次|遍|句|封|页|天))",
    r"(?<![让叫要请逼催])(?<![让叫要请逼催][我他她先])(?<![让叫要请逼催][我他她]先)把[^，。,.!?！？]{0,10}拿去(?:买|投|充|交|存|赌|下注|给)",
    # Done, and only then found out: "他转完才打电话给舅舅", "付完之后就联系不上了".
    r"(?<![让叫要请逼催等])(?<![让叫要请逼催等][我他她])(?:转|汇|付|交|打)(?:完|好)(?:了|钱)?[^，。,.!?！？]{0,2}(?:才|之后|以后|后)",
    # Cantonese 呃 (to cheat): "呃了两万蚊".
    rf"呃(?:了|走了?|去了?)\s*{_NUM}",
    # Borrowed to put in ("借了网贷去充", "jie le wangdai qu chong"), and the task that
    # "got stuck" after a payment (卡单), which always asks for more.
    r"借了[^，。,.!?！？]{0,8}(?:去|来|拿去)(?:充|投|转|还|交|补|赌|下注)"
    r"|\bjie le .{0,16}\b(?:qu|lai) (?:chong|tou|zhuan|jiao|bu)\b|卡单|(?<![a-z])ka ?dan\b",
    r"被骗|骗走|钱没了|钱都没了|血本无归|拿不回来|要不回来|被转走|转走了|盗刷|(?<!违禁品)(?<!快递)(?<!包裹)被扣了(?!分)|扣走了|取不出来了|联系不上了",
    r"已经(?:转账|汇款|付款|支付|缴纳|充值|交了|共享|贷款)",
    # Cantonese 过数 (to transfer), then done: "叫阿叔过数八千，阿叔已经过咗", "过咗之后即刻封锁咗我".
    # (The checks below look at the words before the deed, not before 过数.)
    r"(?:过数|入数)[^。.!?！？]{0,30}?(?P<deed>(?:已经|已|都|就|我|佢|他|她)过(?:了|咗)|过(?:了|咗)之后)",
    r"(?:已经|已)过(?:了|咗)[\d一二两三四五六七八九十几]+\s*(?:千|万|蚊|块|百)",
    # The demand echoed by the deed in the next clause: "叫佢讲埋密码。佢讲咗", "叫佢入住
    # 一万二。佢入咗", "要先过三千蚊验资。佢过咗", "要我说一下验证码 我说了".
    r"(?:叫|让|要|先)[^。.!?！？]{0,16}?(?P<verb>[转汇付交过入充])[^。.!?！？]{0,12}?[。，,]\s*"
    r"(?P<deed>(?:他|她|我)(?:就|都|也|已经)?(?:去银行|去柜台|去atm|去邮局)?(?P=verb)(?:了|咗))",
    r"(?:叫|让|要|先)[^。.!?！？]{0,8}?(?P<verb>[讲说报念])[^。.!?！？]{0,4}?(?:密码|验证码|卡号|cvv)[^。.!?！？]{0,8}?[。，,]\s*"
    r"(?P<deed>(?:他|她|我)(?:就|都|也|已经)?(?P=verb)(?:了|咗))",
    # Savings gone or in the other side's hands: "卡入面啲退休金冇晒", "积蓄全没了",
    # "他一年的退休金现在都在人家手上了", "我的生活费全在里面".
    r"(?:退休金|积蓄|存款|养老钱|余额|生活费|工资|血汗钱|老本)[\d一二两三四五六七八九十百千万多几]*(?:全|都|已经|全部)*(?:冇晒|没晒|没有晒|冇咗|没有了|没了|不见了|清零|归零|清空了|见底了)"
    r"|(?:全|都)在(?!我|自己)[^，。,.!?！？]{0,6}手(?:上|里)"
    r"|(?:生活费|积蓄|存款|退休金|养老钱|工资|钱)(?:全|都)在(?:(?!我|自己|银行|存折|卡|家)[^，。,.!?！？]){0,6}"
    r"(?:里面|里头|平台上?|上面)",
    # A code or password told to someone in quotes: "验证码报给'银行'了".
    r"(?:验证码|密码|cvv|安全码|卡号)[^，。,.!?！？不别没未]{0,3}(?:报|告诉|念|发|说|讲)(?:给|俾)[^，。,.!?！？]{0,6}(?:了|咗)",
    # A payment code scanned and paid: "我已经扫了", "邻居帮她扫码付了".
    r"(?:已经|我就|就)扫(?:了|咗)(?:码|二维码|收款码)?(?=[，。,.!?！？\s]|$)|扫码(?:付|交|转|充)(?:了|咗)",
    # Paid again and again: "补了三次越补越多".
    r"(?:补|充|交|投)了[\d一二两三四五六七八九十几]+次|越(?:补|充|交|投)越多",
    # Another fee after the fee: "现在又显示 bank card error 还要再交".
    r"(?:又|还)(?:要|得|让我|叫我)再(?:交|付|转|充)",
    # The goods never came and the seller is gone: "东西没寄来,那个微信把我拉黑了".
    r"(?:没寄来|没发货|不发货|没收到货|没到货|东西没来|货没到)[^。！？!?]{0,20}(?P<deed>拉黑|删了|不回|联系不上|打不通|封锁)",
    r"(?:那笔|这笔)[^，。,.!?！？]{0,4}(?:钱|款|货款|定金|订金|押金)[^，。,.!?！？]{0,4}(?:追不回|要不回|拿不回|退不回)",
    # Shares bought into a scheme: "我爸入了五股".
    r"入了[\d一二两三四五六七八九十几]+股",
    # Cantonese transfers: "去银行过咗两转数", "用转数快俾咗".
    r"过(?:了|咗)[^，。,.!?！？]{0,3}转?数(?!字|天|日|周|星期|礼拜|月|年|个|小时|分钟|次|[十百](?:天|日|年|个|次|多))|(?:转数快|fps|payme)[^，。,.!?！？]{0,4}(?:俾|给)(?:了|咗)",
    # The writer's deed right after the demand: "让我先给供应商打38万货款，我打了".
    r"(?:打|转|汇|付|交)[^，。,.!?！？]{0,10}(?:货款|款|钱|万|千)[，,]\s*(?P<deed>我(?:就|也)?(?:打|转|汇|付|交)(?:了|咗))",
    # Totals: "反正前前后后吧 一共4万7", "加埋差唔多二十万" (not "一共要交两万").
    # (What one owns is no total paid: "我存款一共就三十万".)
    r"(?<!存款)(?<!积蓄)(?<!工资)(?<!收入)(?<!身家)(?<!退休金)(?:前前后后|加起来|加埋|总共|一共|合共)(?!就|只有|才)(?:(?!要|需|得|让|叫)[^，。,.!?！？]){0,6}?[\d一二两三四五六七八九十]+[\d.]*\s*(?:万|w)",
    # A bare "交了" clause, and a fee paid with borrowed money: "699 交了", "借钱交了".
    r"(?:^|[，,。])\s*(?:我|她|他)?(?:就|也)?(?:交|付|汇|充)(?:了|咗)(?=[，,。]|$)|借钱(?:交|付|转|充)(?:了|咗)",
    # Sent in secret or at the bank: "她偷偷去银行汇了".
    r"去银行(?:汇|转)(?:了|咗)|偷偷[^，。,.!?！？]{0,6}(?:汇|转|打|付|交)(?:了|咗)",
    # The account found empty, by the writer or by whoever looked: "工资卡已经空了",
    # "卡里一分钱都没有了", "半年输进去三十多万", "钱去哪了他不说".
    r"(?:卡|工资卡|账户|户口|存折|余额)(?:里|上|入面)?(?:已经|都|全)?(?:空了|被清空|清空了|见底了|一分(?:钱)?都(?:没有|没)了)"
    r"|输(?:进去|掉|了)[^，。,.!?！？]{0,4}[\d一二两三四五六七八九十几]+\s*(?:多)?\s*(?:万|千|w)|钱去(?:哪|哪里|哪儿)(?:了|去了)",
    # Payments found on a statement: "月结单有三笔转账去私人户口", "有两笔给陌生人的转账".
    r"(?:月结单|账单|流水|存折|明细|微信账单)[^。.!?！？]{0,8}(?<!只)(?<!只是)有[\d一二两三四五六七八九十几]+笔"
    r"|有[\d一二两三四五六七八九十几]+笔[^，。,.!?！？]{0,8}(?:转账|转出|支出|扣款)",
    # The card handed over, swiped by someone else, kept with a password: "就给了张卡他",
    # "有人在外地碌了我张卡几次", "我张卡同密码都在他度".
    r"(?:给|交)(?:了|咗)(?:张|我的|他|她)?卡(?:给)?(?:他|她|对方)|有人[^，。,.!?！？]{0,8}(?:碌|刷)(?:了|咗)(?:我|他|她)?的?张?卡"
    r"|(?:卡|密码)[^。.!?！？]{0,6}都在(?:他|她|对方|佢)(?:那|度|手)",
    r"追不(?:回|返)|(?:拿|攞)不返",
    # Cantonese and Hokkien deeds, homophones and photos: "我已经入咗数", "邮局会过去了",
    # "伊拢照做 结果钱无去两万外", "影咗发咗出去", "结果被刷了一万八".
    r"(?:已经|已|都|就|我|他|她)入(?:了|咗)数|(?:邮局|银行)[^，。,.!?！？]{0,3}(?:会|汇)过去了"
    r"|(?:都|拢|全|就)照(?:做|办)(?:了|咗)?|钱无去|(?:影|拍)(?:了|咗)[^。.!?！？]{0,8}(?:发|传)(?:了|咗)(?:出去|过去|给)"
    r"|被(?:刷|盗刷)(?:了|走)\s*[\d一二两三四五六七八九十几]",
    r"\byi ?jing gao ?su (?:ta|ta men|dui ?fang) ?le\b",
    # Cash or gold carried to them or taken from the door: "抱着现金去他们公司签了字", "穿黑衣服
    # 说是律师助理的上门拿走了", "六根金条用报纸包好，在小区门口交给一个…小伙子".
    r"(?:抱着|带着|拿着|揣着)(?:现金|钱|存折|金条)(?:去|到|交)|(?:上门|到家|来家里|来楼下)(?:拿走|取走|收走)",
    # Loans taken for them, now collected; savings all put in: "那几个app天天打电话催我还",
    # "都放晒落去", "把拆迁款二十万也放进去", "退休金跟保单解约的钱都拿去".
    r"催(?:我|他|她)还(?:钱|款)?|放(?:晒|了|咗)?落去"
    r"|(?:也|都|全)(?:放|投|砸)进去(?:了|(?=[。]|[，,]\s*(?:现在|后来|结果|今天)))"
    r"|(?:退休金|积蓄|存款|养老钱|拆迁款|钱)[^，。,.!?！？]{0,12}都拿去(?!问|看|查)",
    # A card or phone number sold, lent or rented out: "把手机门号和银行卡卖给别人".
    # (Done, or found out by its consequence; not an offer: "要不要把帐户租给他们".)
    r"(?:银行卡|手机卡|电话卡|门号|账户|户口|卡)[^。.!?！？]{0,8}(?:(?:卖|借|租)(?:了给|给了)"
    r"|(?:卖|借|租)给(?:别人|人家|对方|他|一个)(?=[^。.!?！？]{0,30}(?:冻结|派出所|警察|公安|涉嫌|涉及|帮信|录口供)))",
    # Pinyin: "qian yijing jiao guoqu le".
    r"\byi ?jing (?:jiao|zhuan|hui|fu|da|gei) ?(?:guo ?qu ?)?le\b",
    # Done, then more wanted: "转完又说还有一个平台没清"; money put in: "已经进去二十多万",
    # "昨天把生活费都垫进去了"; an admission: "那钱……我真是老糊涂了".
    r"(?:转|交|付|汇|充)完(?:了|之后|以后)?[，,]?\s*(?:又|还|他|她|对方)(?:又|还)?(?:说|要|让|叫)"
    r"|(?:已经|都|前后|一共)进去[\d一二两三四五六七八九十几]+(?:多)?\s*(?:万|千|w)"
    r"|(?:生活费|积蓄|存款|工资|养老钱|退休金|钱)(?:都|全)?(?:垫|投|充|转|搭|砸)进去了|老糊涂了",
    # Told the caller everything: "我想起来昨天那个电话里我什么都跟他说了".
    r"什么都(?:跟|给|和|同)(?:他|她|对方|他们)(?:说|讲)(?:了|咗)",
    # Card details or a code said on the phone: "我喺电话度讲咗卡号、到期日同背面三个位".
    r"(?:讲|说|报|念|告诉)(?:了|咗)(?:他|她|对方|佢|佢哋|他们)?[^，。,.!?！？]{0,3}"
    r"(?:卡号|密码|验证码|cvv|安全码|背面(?:嘅|的)?三个?位|有效期|到期日)",
    # Paid without checking: "她没打电话确认直接转了" (not "叫我直接转了就行").
    r"直接(?:就)?(?:转|汇|付|打|给)(?:了|过去|咗)(?!我|就行|就好|就可以)",
    # Asked to pay first, then the other side was gone: "叫我先bank in deposit，然后就unreachable了".
    r"(?:叫|让|要)我先[^，。.!?！？]{0,16}[，,]\s*(?:然后|之后|后来|结果)(?:就|他|她|对方|佢)*\s*"
    r"(?:unreachable|联系不上|失联|不见|消失|拉黑|封锁|block|不回|没回|ghost)",
    # The bank's own check that finds the loss: "银行打电话问我是不是本人操作".
    r"(?:银行|客服|柜员)[^，。,.!?！？]{0,10}问(?:我|他|她)?(?:是不是|是否|系咪)(?:本人|自己)(?:操作|转|转账|消费|汇款)",
]
# What is sent that is no money: "sent me a text", "and sent an alert".
_EN_MESSAGE = (
    r"voice|message|msg|text|link|photo|pic|picture|email|e-mail|screenshot|video|selfie|resume|cv"
    r"|cover letter|application form"
    r"|friend request|invite|sticker|note|alert|notification|reminder|warning|sms|letter"
)
_EN_APPS = (
    r"(?:zelle|venmo|cash ?app|paypal|paynow|pay now|fps|gcash|wise|revolut|interac|e-?transfer|western union"
    r"|moneygram|bank transfer|wire transfer|crypto|usdt|bitcoin|btc|alipay|wechat pay|duitnow|grabpay|touch ?n ?go"
    r"|tng|maya|apple pay|google pay|cashapp)"
)
_EN_MONEY = (
    r"(?:[$£€¥₹]|\b(?:rm|sgd|hkd|usd|aud|cad|php|inr|rs\.?|s\$|hk\$|a\$|us\$)\s?)\s?\d[\d,.]*"
    r"(?:\s?(?:k|lakh|lakhs|crore|grand)\b)?"
)
# Whom the other side steered: the writer or a relative.
_EN_WHOM = (
    r"(?:me|her|him|us|mom|mum|dad|nan|gran|grandma|grandpa|my (?:mom|mum|dad|nan|gran|grandma|grandpa|wife"
    r"|husband|son|daughter|uncle|aunt|father|mother|brother|sister|parents|grandmother|grandfather))"
)
_EN_PAID = [
    r"\b(?:i|we|i've|we've|he's|she's|my [\w-]+|mom|mum|dad|nan|gran|granny|grandad|grandma|grandpa|he|she)\s+(?:already\s+|just\s+|have\s+|had\s+|has\s+)?"
    r"(?:already\s+|just\s+)?(?:sent|paid|prepaid|transferred|wired|deposited|gave|moved|bought|topped up|put|invested|mailed|"
    r"shared|entered|typed|filled in|filled out|keyed in|read out|told them|told him|told her|scanned)\b"
    # ... but not a message sent ("my friend sent a voice note"), nor the thing bought
    # in a relative clause ("a product I bought is recalled").
    rf"(?!\s+(?:me |us |him |her |them )?(?:a |an |the |this |that |my |his |her |our )?(?:{_EN_MESSAGE})s?\b)"
    # ... nor an order given ("he told her to go to the bank"), nor a post passed on ("my
    # friend shared this in our group chat"), nor a phone number or an email left
    # ("i filled in my number and someone called").
    r"(?<!told them(?= (?:to|that|about|not|i'd|i'll|i would|i will|i was|i'm|i am|we|no|wait|hold on|off|later|stop)\b))"
    r"(?<!told him(?= (?:to|that|about|not|i'd|i'll|i would|i will|i was|i'm|i am|we|no|wait|hold on|off|later|stop)\b))"
    r"(?<!told her(?= (?:to|that|about|not|i'd|i'll|i would|i will|i was|i'm|i am|we|no|wait|hold on|off|later|stop)\b))"
    r"(?<!shared(?= (?:this|that|these|those|it) (?:in|on|to|with (?:us|me|everyone|all|the|our|my))\b))"
    r"(?!\s+(?:in |out )?(?:him |her |them )?(?:my|his|her|our) (?:phone |mobile |cell |contact )?"
    r"(?:number|email|e-mail|name|address)\b)"
    # ... nor a move of house ("we just moved in together"), nor a phone number given.
    r"(?<!moved(?= (?:in|out|house|home|away|back|abroad|here|there|on)\b))"
    r"(?<!gave(?= (?:them |him |her )?(?:nothing|no |none|anything)))"
    r"(?<!gave(?= (?:him |her |them |us )?(?:this|my|our|a|the|his|her) (?:phone |contact |callback |mobile )?number\b))"
    r"(?<!bought(?= (?:is|was|has|had)\b))",
    r"\b(?:money is gone|money's gone|been scammed|got scammed|was scammed|were scammed|"
    r"lost (?:all|about|over|nearly|around|almost|my savings|my money|\$|¥|\d)|took my money|emptied my|drained my|can't get it back|cannot get it back|"
    r"stole my)\b",
    r"(?<!they )(?<!it )(?<!bank )(?<!which )(?<!that )\b(?:already|just)\s+(?:sent|paid|transferred|wired|gave|shared)\b",
    r"\b(?:so i did|(?:leave|left) my account|i (?:read|gave|sent) (?:it|that|them)\b(?! (?:this|my|our|a|the) (?:phone |contact |callback |mobile )?number\b)|"
    r"i(?:'m| am) down|kept (?:depositing|paying|sending|transferring)|"
    r"(?:did not|didn't|didnt|never) (?:make|authori[sz]e))",
    r"\btransfer (?:is|was|has gone|went) (?:done|complete|completed|through)\b|\bthe money (?:went|has gone|is gone)\b",
    r"\bi did (?:it|what|as|that|everything)\b(?! myself)"
    r"|\band (?:typed|entered|sent|paid|gave|transferred|read|wired|deposited)\b(?! (?:them |him |her )?(?:nothing|no |none\b))"
    rf"(?!\s+(?:me |us |him |her |them )?(?:a |an |the |this |that |another )?(?:{_EN_MESSAGE})s?\b)"
    r"(?! (?:him |her |them |us )?(?:this|my|our|a|the|his|her) (?:phone |contact |callback |mobile )?number\b)",
    r"\bcharges? (?:of|for) [$¥\d]|\bbalance (?:now )?(?:shows|is) (?:zero|0|empty)|\bwith my (?:money|savings|[$¥\d])"
    r"|\b(?:a|an) (?:[a-z]{2,3})?[$¥£€]\s?\d[\d,.]*k? (?:charge|withdrawal|debit|transaction)\b"
    r"|\b(?:ended|wound) up\b[^.!?]{0,60}?\b(?:sending|paying|wiring|transferring|giving|moving|buying|depositing)\b"
    r"|\band (?:sending|paying|wiring|transferring|depositing) (?:[$£€¥₱₹]|rmb |usd |hkd )?\s?\d"
    r"|\b(?:watched|saw) (?:my|his|her|the) (?:balance|savings|account) (?:drop|go down|shrink|fall|empty)"
    r"|[$£€¥₱₹]\s?\d[\d,.]*k? (?:went out|left (?:his|her|my|the) account|was taken|was debited)"
    r"|\bwent to (?:western union|moneygram)\b|\bput [$£€¥₱₹]?\d[\d,.]*k? (?:\w+ )?into\b",
    r"(?<!got )(?<!get )(?<!been )(?<!gets )(?<!they )(?<!they\'ve )\b(?:paid|sent|transferred|wired|mailed|handed over) (?!(?:him |her |them )?\d+ (?:screenshots?|photos?|pics?|pictures?|messages?|texts?|emails?|reviews?|videos?|links?)\b)(?:him |her |them )?(?:the |a )?(?:[$¥£€₹₱]|usd |rmb |rm ?|sgd |hkd |hk\$)?\s?\d"
    r"|\b(?:i'?m|i am|we'?re|she'?s|he'?s) down (?:about |around |over |nearly )?[$£€¥₱₹]?\d"
    r"|\bnow (?:[$£€¥₱₹]|rm ?)?\d[\d,.]*k? (?:is|are|has|have) (?:gone|missing|been taken)"
    # The bank's own check that finds the loss: "asking if i made a $3,400 transfer".
    r"|\b(?:asking|asked|to ask|wanted to know|checking) (?:me |him |her )?(?:if|whether) (?:i|he|she|we|my \w+)"
    r" (?:made|authori[sz]ed|sent|did) (?:a|an|the|that|this) (?:[$£€¥₱₹]?[\d,.]+k? )?(?:\w+ )?"
    r"(?:transfer|payment|withdrawal|transaction)",
    r"\b(?:card|account|savings|balance)s? (?:was |were |is |got |been )?(?:drained|emptied|wiped)"
    r"|\bdid (?:it|that) \d+ times\b|\bi payed\b|\b(?:has|have) been (?:sending|paying|wiring)"
    r"|\blost (?:his|her|their|my|our) (?:whole|entire|life|savings|bonus|pension)",
    r"\b(?:sold|gave(?! (?:me|us)\b)|handed over(?! to (?:me|us)\b)|handed(?! (?:me|us)\b)|rented out|lent)(?! (?:\w+ ){0,3}(?:roblox|steam|game|gaming|fortnite|minecraft|genshin|pubg|bgmi|codm|valorant|epic|riot|mobile legends|ml|instagram|tiktok|snapchat|facebook|ig) account) (?:\w+ ){0,4}(?:bank )?(?:card|pin|login|password"
    r"|account|sim)",
    # A sentence that starts with the deed: "Paid it. Now they want more", "Deposited $4,000".
    r"(?:^|[.!;]\s*)(?:paid|sent|transferred|wired|deposited|gave) (?:it|them|him|her|the|that|for|[$¥£]|\d)",
    # ... or a clause after a comma, told by how it was paid: "ordered a couch, paid half
    # upfront via zelle", "checkout looked normal, paid with my debit card".
    r"(?:^|[.!;,]\s*)(?:and |then |so )?(?:paid|sent|transferred|wired|deposited) (?:it |them |him |her )?"
    r"(?:half|upfront|up front|in full|in advance|via|with|through|on|using|over|by (?:card|zelle|venmo|paypal"
    r"|bank transfer|wire|check|cheque)|(?:a|the) (?:deposit|fee|first|rest|balance))\b",
    # Told without the verb of paying: "had to send $450 to unlock it. did that yesterday",
    # "she had to confirm her pin. she did.", "i'd done all of it before he walked in".
    r"(?:^|[.!;]\s*)(?:(?:and|so) )?(?:(?:i|he|she|we|mom|mum|dad) )?(?:already )?did(?: (?:it|that|so|this))?"
    r"(?=\s*(?:[.!,;]|$|yesterday|today|last|this morning|right away|twice|again|already))"
    r"|\b(?:i'd|i had|i've|i have|she'd|she had|he'd|he had|we'd|we had) (?:already )?done"
    r" (?:all of )?(?:it|that|everything|all that|what (?:they|he|she) (?:said|asked))\b",
    # Someone else's hands on the writer's money: "he had me move my savings", "walked me
    # through it and it ended with me sending $640".
    r"(?<!to )(?<!would )\bhad (?:me|him|her|us|mom|mum|dad|my [\w-]+) (?:\w+ )?(?:move|send|transfer|wire|pay"
    r"|buy|deposit|withdraw|read|give|enter|type|hand|approve|authori[sz]e|put)\b"
    r"|\bended with (?:me|him|her|us) (?:sending|paying|wiring|transferring|giving|moving|buying)\b",
    # "pretty sure i actually authorized a transfer".
    r"\b(?:i|we|he|she|mom|mum|dad) (?:(?:actually|actualy|accidentally|already|just|then|even|probably"
    r"|apparently) )?(?:authori[sz]ed|approved|confirmed) (?:a|an|the|that|two|several|\d+) (?:[\w$.,-]+ )?"
    r"(?:transfer|payment|transaction|charge|debit|withdrawal|wire)s?\b",
    # A card typed into a page ("put my card in", "typed my whole card in").
    r"\b(?:put|typed|punched|keyed) (?:my|his|her|our) (?:whole |full |entire )?(?:credit |debit |bank )?card"
    r"(?: details| info| number| numbers)? (?:in|into)\b(?! (?:the |a |an )?(?:atm|machine|reader|slot|wallet"
    r"|drawer|terminal|bag|pocket|purse))",
    # Costs taken on for someone: "i covered the $2,300 release fee", "she's been buying him
    # steam cards".
    r"\b(?:covered|fronted) (?:(?:the|his|her|their|a|an|that) (?:[\w$,.'-]+ ){0,3}(?:fee|fees|cost|costs|bill"
    r"|tax|taxes|charges?|deposit|ticket|tickets|flight|shipping|customs)\b|(?:him|her|them )?[$£€¥₱₹]\s?\d)"
    r"|\b(?:bought|buying|purchased|got) (?:him|her|them|the (?:caller|guy|man|woman|agent)) (?:\w+ ){0,2}"
    r"(?:gift ?cards?|steam cards?|itunes cards?|apple cards?|google play cards?|vouchers?)",
    # Cash handed to whoever came for it: "withdrew $9,000 and a courier picked it up".
    r"\b(?:courier|driver|messenger|runner|agent|officer|(?:a |the )?(?:man|woman|guy|lady)|someone|they|he|she)"
    r" (?:then |later |just )?(?:came (?:by |over |round |around |to the (?:house|door|flat|home) )?(?:and |to )?)?"
    r"(?:picked|pick) (?:it|them|the"
    r" (?:cash|money|envelope|package|bag|gold|card)s?) up\b|\b(?:courier|driver|messenger|runner|someone|they)"
    r" (?:then |later )?(?:collected|took) (?:it|them|the (?:cash|money|envelope|package|bag|gold|card)s?)\b"
    # Charges the writer did not expect: "now I see $89.99 'membership' charges on my card".
    r"|[$£€¥₱₹]\s?\d[\d,.]*k? (?:['\"‘’“”]?[\w-]+['\"‘’“”]? ){0,2}(?:charges?|debits?|withdrawals?)"
    r" (?:on|from|to) (?:my|his|her|our|the) (?:\w+ )?(?:card|account|statement)\b",
    r"\b(?:coughed up|forked over|shelled out|topped (?:it |them )?up|top-ups|sent it through"
    r"|wired it off|gone into|kept (?:adding|topping up|putting))\b",
    r"\b(?:i'm|i am|we're|she's|he's) (?:about |around |nearly |over )?[$£¥€]?\d[\d,.]*k? in\b"
    r"|\bover (?:several|multiple|a few|\d+) (?:transfers|payments|deposits|top-ups)\b",
    r"\bme:\s*[\"'“”‘’]?\s*(?:ok\W*|okay\W*)?(?:done|sent|paid|transferred|bought (?:them|it)|logged in)\b",
    # Money missing afterwards: "$3,200 is out of his account", "balance dropped to 40".
    r"[$£€¥₱₹]\s?\d[\d,.]*k? (?:is |was |has |have )?(?:been )?(?:missing|gone|out|taken|withdrawn|debited)"
    r" (?:from|of) (?:my|his|her|their|our|the) (?:[\w-]+ ){0,2}(?:account|card|savings|balance)"
    r"|\b(?:balance|savings|account)s? (?:has |have )?(?:dropped|fell|fallen|went down|gone down|shrank)"
    r" (?:from [$£€¥₱₹]?\d[\d,.]*k? )?to\b",
    # A secret the other side now holds: "he has my login now", "they got my card details".
    r"\b(?:he|she|they|the (?:[\w-]+ ){0,2}?(?:caller|scammer|guy|man|woman|lady|agent|officer))"
    r"(?:'s| has| have| had| got| now has| now have)"
    r" (?:got )?(?:all )?(?:my|his|her|our) (?:online banking |bank |card )?(?:login|password|pin|passcode"
    r"|card (?:number|details)|bank details|otp|verification code|code)s?\b",
    # Did as told, said of someone else too: "he did whatever they said in the banking app".
    r"\b(?:i|we|he|she|mom|mum|dad|my [\w-]+) (?:just )?did (?:whatever|everything|exactly what|all|what)"
    r" (?:they|he|she|the caller|the (?:agent|officer|man|woman|guy)) (?:said|told|asked|wanted)",
    # "I did the zelle thing", "she did the transfer".
    r"\b(?:i|we|he|she|mom|mum|dad) did the (?:[\w-]+ ){0,2}?(?:transfer|payment|wire|zelle|venmo|paypal"
    r"|cash ?app|top-?up|deposit)\b",
    # Paid someone an amount: "paid a 'credit repair agency' $900", "wired the lawyer $5,000".
    r"(?<!they )(?<!he )(?<!she )(?<!it )(?<!be )\b(?:paid|wired|transferred|deposited) (?!me\b|us\b)"
    r"(?:[\w'\"‘’“”-]+ ){1,4}[$£€¥₱₹]\s?\d",
    # A fee paid, said without "I": "paid the 2.99 redelivery fee".
    r"(?<!be )(?<!to )\bpaid (?:a|an|the|his|her|their|that|this) (?:[\w'\"‘’“”.$£€¥-]+ ){0,3}(?:fee|fees|deposit|tax|taxes|duty"
    r"|fine|charge|premium)\b",
    # A secret typed in or told, with the subject left out: "entered my card details",
    # "sent them the code", "read out the six digits".
    r"\b(?:entered|typed(?: in)?|keyed in|filled in|put in|gave (?:them |him |her )?|handed over|read (?:out|off)"
    r"|read (?:them|him|her)|sent (?:them|him|her)|told (?:them|him|her)) (?:all )?(?:my|his|her|our|their|the|those)"
    r" (?:[\w-]+ ){0,2}?(?:card|cards|code|codes|pin|password|otp|cvv|login|details|digits|numbers)\b",
    # Paid with the app's name as the verb: "zelle'd him", "venmo'd the deposit", "FPS-ed
    # them", "PayNow-ed it", "gcash-ed", "cashapp'd".
    rf"\b{_EN_APPS}(?:'d|-ed|ed|'ed)\b",
    # ... or named as the way it went: "sent by FPS", "500 through cash app".
    # Said by whoever paid, or as a clause of its own: not "a fee paid by western union".
    r"(?:(?:^|[.!;,]\s*)(?:and |then |so )?|\b(?:i|we|he|she|mom|mum|dad|my [\w-]+) (?:already |just |then )?)"
    rf"(?:sent|paid|transferred|deposited|wired)\b[^.!?;]{{0,24}}\b(?:by|via|through|thru|over|on|with|using) {_EN_APPS}\b",
    # Learner's and Singapore/Malaysia English: the base form after a subject, with a sum
    # or a count ("i already transfer rm15k in 3 times", "i deposit 2 time total 1500
    # sgd", "transfer dy"), and "after i pay he say".
    r"\b(?:i|we|he|she|mom|mum|dad|my \w+) (?:already |also |oso |just |den |then )?(?:transfer|tranfer|trasfer"
    r"|pay|deposit|bank in|bank-in|banked in|topup|top up|send)"
    r" (?=(?:[$£€¥₱₹]|rm|sgd|hkd|php|usd|rmb|s\$|hk\$)\s?\d|\d|(?:\d+|one|two|three|four|five|several|many) times?\b"
    r"|total\b|dy\b|dah\b|liao\b|already\b|them\b|him\b|her\b|it\b)"
    r"|\b(?:transfer|transferred|paid|pay|bank in|bank-in|banked in|send|sent|deposit|deposited|topup) (?:dy|dah|liao)\b"
    r"|\b(?:dah|dy|liao) (?:transfer|pay|bank in|bank-in|send|deposit)\b"
    r"|\bafter (?:i|we|he|she|mom|mum|dad) (?:pay|paid|transfer|transferred|send|sent|deposit|deposited"
    r"|bank in|banked in)\b|\bkena (?:taken|deduct|deducted|debited|scam\w*|tipu|cheat\w*)\b",
    # Someone else's hands on the writer's money: "got me to send usdt", "made her pay a
    # 'verification deposit'", "walked me thru moving everything".
    rf"\b(?:got {_EN_WHOM} to|made {_EN_WHOM}) (?:send|pay|transfer|wire|deposit|buy|move"
    r"|invest|put|top up|borrow|take out|return|refund|do friends|use friends)\b"
    r"|\blet (?:him|her|them|the (?:caller|man|woman|guy|agent|technician)) (?:log ?in|into|access|control|remote)"
    r"|\bhelped (?:me|her|him|us) (?:do it|send it|pay|wire|transfer|send the)\b"
    r"|\bwalked (?:me|her|him|us|mom|mum|dad|my [\w-]+) (?:thru|through) (?:moving|sending|transferring|paying"
    r"|wiring|buying|depositing|setting up)\b",
    # Taken from the card: "the loan app took the 'processing fee' out of my card".
    r"\b(?:took|deducted|debited|charged|withdrew|pulled) [^.!?;]{0,40}\b(?:out of|from|off) (?:my|his|her|our)"
    r" (?:\w+ )?(?:card|account|acc|balance|wallet|savings)\b",
    # A deposit put down; gift cards bought and scratched for the caller.
    r"\bput (?:a |the |down (?:a |the )?)?(?:deposit|down payment)(?: down)?\b"
    r"|\b(?:bought|purchased) (?:the |some |a few |a bunch of |\d+ )?(?:[$£€¥₱₹]?\d+ )?(?:gift ?cards?|steam cards?"
    r"|itunes cards?|apple (?:gift )?cards?|google play cards?|razer (?:gold )?cards?)"
    r"|\bscratched (?:them|it|the cards?|off the (?:back|codes?))\b",
    # Done, said after what was asked: "asked me to confirm my card number ..., which i
    # did", "i did and rm2,300 kena taken out", "did the transfer thing he walked me
    # through", and a sum told as sent ("15k sent").
    r"\b(?:which|and) (?:i|he|she|we|mom|mum|dad) did\b(?! not|n't| too| as well| the same)|\bi did and\b"
    r"|\b(?:did|done) (?:it|that) (?:straight away|right away|immediately|at once|anyway)\b"
    r"|(?:^|[.!;,]\s*)did the (?:[\w-]+ ){0,2}?(?:transfer|payment|wire|zelle|venmo|paypal|cash ?app|top-?up|deposit)\b"
    r"|(?:[$£€¥₱₹]|rm|sgd|hkd|usd)?\s?\d+(?:[,.]\d+)*k? (?:sent|paid|transferred|wired|gone)\b(?! (?:to|back to) (?:me|us)\b)"
    r"|\bpaid (?:a |an |the |my |his |her |that |this )?(?:['\"‘’“”]?[\w-]+['\"‘’“”]? ){0,4}\d[\d,.]*k?"
    r" (?:quid|bucks|dollars|pounds|euros|rm|ringgit|sgd|hkd|php|pesos|usd|rmb|yuan)\b",
    # The code read back to the caller; cash handed over; prompts approved.
    r"\bread (?:it|that|them|the (?:\w+ ){0,2}(?:digits|numbers|code|codes|otp|pin))(?: back| out)? to"
    r" (?:him|her|them|the (?:caller|man|woman|guy|lady|agent|officer))\b|\bread to (?:him|her|them)\b"
    r"|\bhanded (?:it|them|the (?:\w+ ){0,2}(?:cash|money|envelope|card|cards|bag)) (?:over|to)\b"
    r"|\b(?:clicked|tapped|pressed|hit) (?:on )?(?:approve|yes|confirm|accept|allow)\b"
    r"|\bscan(?:ned)? the qr(?: code)? and (?:approve|approved|confirm|confirmed|pay|paid)\b",
    # Money gone in plain words: "RM 48,000 went out", "the money left her account", "my
    # salary gone", "balance went down by", "30 mins later my balance says $12".
    rf"(?<!withdrawal of )(?<!refund of )(?<!payout of ){_EN_MONEY} (?:went|has gone|have gone|is gone|was taken|left)\b(?! (?:to|back to) (?:me|us)\b)"
    r"|\b(?:the )?money (?:left|came out of|went out of|was taken from) (?:my|his|her|our|their|the) (?:\w+ )?account\b"
    r"|\b\d[\d,.]*k? (?:went|was sent|was transferred|was moved) (?:into|to) (?:the|his|her|their|an?|that) (?:\w+ )?account\b"
    # A payment app as the verb ("I PayNow $680"), and payments kept up ("she's been paying
    # 'fees' for months").
    rf"|\b(?:i|we|she|he|my \w+) (?:already |just )?{_EN_APPS} (?:him |her |them |the \w+ )?(?:[$£€¥₱₹]|rm ?|s\$)?\d"
    r"|\b(?:i've|we've|she's|he's|i have|we have|she has|he has|has|have) been (?:paying|sending|transferring|wiring|topping up|putting money)\b"
    r"|\b(?:i'?m|we'?re|she'?s|he'?s|they'?re) out (?:about |around |over |nearly )?(?:[$£€¥₱₹]|rm ?|hk\$)?\d"
    # Made to pay, transfers done, sums put in or lost: "they made me verify by paying £50",
    # "I did 3 transfers already", "put RM50,000 for 2% monthly interest", "then lost 80k".
    r"|\bby (?:paying|sending|transferring|buying) (?:them |him |her )?(?:[$£€¥₱₹]|rm ?|usd |rs\.? ?)?\d"
    r"|\b(?:i|we|she|he|they) (?:already )?(?:did|made|done|sent) (?:\d+|one|an?|two|three|four|five|six|several|a few) (?:more )?(?:[\w-]+ ){0,2}(?:transfers?|payments?|deposits?|top-?ups?)\b"
    # Money given to someone by name: "gave auntie RM20k for her plantation shares".
    r"|\bgave (?!me |us )(?:\w+ ){1,2}(?:rm ?|[$£€¥₱₹]|usd |sgd |rs\.? ?)\d"
    r"|\b(?:i|we|she|he|they|my \w+|mum|mom|dad|then|and) (?:already |have |had |has )?(?:put|invested|deposited) (?:in )?(?:rm ?|[$£€¥₱₹]|usd |sgd |hkd |rs\.? ?)\d"
    r"|\blost (?:about |around |over |nearly )?(?:rm ?|[$£€¥₱₹]|rs\.? ?)?\d[\d,.]*k?\b(?! (?:followers|pounds|kg|kilos|lbs|steps|subscribers))"
    # Losses told by what they did or what is left (fourth session's English sets): "she
    # went along with it", "my balance is nearly zero", "did it at the counter", "it cost
    # me 3 grand", "30k left her account", "it's done", "the 6500 went over", "i'm in for
    # 60000", "he did the 5k yesterday", "120k stuck", "went to the bank 4 times",
    # "my friend's alipay covered it", "it went out in three goes", "4999 deducted".
    r"|\b(?:i|she|he|we|they|my \w+|mum|mom|dad) went along with (?:it|them|him|her|everything)\b"
    r"|\b(?:balance|account|savings(?: account)?) (?:is|was|shows?|now shows?) (?:now )?(?:nearly |almost |basically |practically )?(?:zero|empty|0(?:\.00)?)\b"
    r"|\bdid it at the (?:counter|branch|bank|atm)\b|\bwent to the bank (?:\w+ ){0,4}and did it\b"
    r"|\bwent to the bank (?:\d+|two|three|four|five|several|many) times\b"
    r"|\bcost (?:me|us|her|him|them) (?:about |around |over |nearly )?(?:[$£€¥₱₹]|rm ?)?\d[\d,.]*\s?(?:k|grand)?\b"
    r"|\b\d[\d,.]*k? left (?:my|his|her|their|our|dad'?s|mum'?s|mom'?s) (?:\w+ )?account\b"
    r"|\baccount is (?:[$£€¥₱₹]|rm ?)?\d[\d,.]*k? lighter\b"
    r"|(?:^|[.!?]\s+|,\s*|--\s*)(?:it'?s|its) done\b(?! yet| in the app)|\bdone by \d"
    r"|\bthe (?:[$£€¥₱₹]|rm ?)?\d[\d,.]*k? went (?:over|through|out)\b"
    r"|\b(?:i'?m|we'?re|she'?s|he'?s|they'?re) in for (?:about |around |over )?(?:[$£€¥₱₹]|rm ?)?\d"
    r"|\b(?:i|he|she|we|they|my \w+) did the (?:[$£€¥₱₹]|rm ?)?\d[\d,.]*k?\b"
    r"|\b(?:[$£€¥₱₹]|rm ?)?\d[\d,.]*k? (?:is |are )?(?:now )?stuck\b"
    r"|\b(?:alipay|wechat pay|paypal|venmo|zelle|gcash|card|account) covered it\b|\bit went out in\b"
    r"|\b\d[\d,.]*k? (?:was |were )?deducted\b(?! for)"
    r"|\b(?:already )?spent (?:over |about |around |nearly )?(?:[$£€¥₱₹]|rm ?)?\d[\d,.]*k? (?:rmb |yuan |dollars )?on\b"
    # A child paying with a parent's card: "he used my card, $150".
    r"|\b(?:he|she|they|my \w+) used (?:my|our|his|her|mom'?s|mum'?s|dad'?s) (?:credit |debit |bank )?card\b(?! to (?:log|sign|verify))"
    # Logged in on the message's link: the password went with it.
    r"|\b(?:i|she|he|we|my \w+|and|then) (?:logged|signed) (?:in|on)(?: to it)? (?:on|through|via|with|using) (?:the|that|their|this|his|her) link\b"
    r"|\b(?:salary|savings|pension|wages|deposit|cash) (?:is |was |has )?(?:all )?gone\b"
    r"|\b(?:balance|savings|account)s? (?:has |have )?(?:dropped|fell|fallen|went down|gone down|shrank) by\b"
    r"|\b(?:later|now|then|afterwards)\b[^.!?]{0,20}\b(?:balance|account) (?:says|shows|showed|reads|is at)"
    r" (?:only |just )?[$£€¥₱₹]?\s?\d",
    # Paid by whatever means, said without "I paid": "settled it last month", "the teller
    # processed it", "my savings covered it", "went by bank transfer", "went to his account".
    r"\bsettled (?:it|them|the (?:fee|fees|amount|bill|deposit|balance|payment|invoice))\b"
    r"|\bit went (?:through|thru)\b|\btally so far\b"
    r"|(?:^|[.!;,]\s*)paid (?:the )?(?:processing|fee|fees|tax|taxes|deposit|insurance|clearance|customs|shipping"
    r"|postage|release)\b"
    r"|\b(?:teller|cashier|bank|i|he|she|we) processed (?:it|the (?:transfer|payment|wire)|from)\b"
    r"|\b(?:savings|money|pension|bonus|wages|salary) covered (?:it|them|that|the)\b"
    r"|\bused (?:my|his|her|our) (?:\w+ )?(?:savings|money|pension|bonus|wages|salary) to (?:cover|pay)\b"
    r"|\b(?:'s|has|have|had|i've|she's|he's) covered (?:it|them|that|the \w+)\b"
    rf"|\bwent (?:by|via|through) {_EN_APPS}\b"
    r"|\bwent (?:to|into) (?:his|her|their|the (?:seller|scammer|guy|agent|caller)'?s?) (?:\w+ )?account\b"
    r"|\b(?:paid|pay|give|gave) (?:it )?at (?:7-eleven|the post office|the (?:convenience )?store|western union)\b"
    # A sum that opens its clause with how it went ("£240 by bank transfer because ...",
    # "HK$1,800 to the seller account by bank"), not "he wants $500 via zelle".
    rf"|(?:^|[,.;]\s*)(?:and |then )?{_EN_MONEY}\s?(?:to (?:the|his|her|their) (?:[\w-]+ ){{0,2}}account )?"
    rf"(?:by|via|through|thru|using|over) (?:bank\b|{_EN_APPS})"
    # ... a fee the app took ("loan app took my unlock fee"), and a card used to buy.
    r"|\btook (?:my|his|her|our|the) (?:['\"‘’“”]?[\w-]+['\"‘’“”]? )?(?:fee|deposit|money|payment|savings|cash)\b"
    r"|\b(?:bought|paid for|ordered)\b[^.!?;]{0,50}\busing (?:my|his|her|our|(?:my |his |her )?[\w-]+'s) (?:credit |debit |bank )?card\b"
    r"|\b(?:other|extra|more|unknown|strange|weird|several|new|two|three) charges? (?:on|from|to|of) (?:it|my|his|her|our|the|\d)",
    # More wanted after money already went in: "they want 2400 more to finish the set",
    # "need another 4,000" (a first payment is what "more" and "another" follow).
    r"\b(?:want|wants|wanted|need|needs|needed|asking for|asked for|demanding|demands)\s+(?:me to (?:pay|top up|deposit|send) )?"
    r"(?:another|[$£€¥₱₹]?\d[\d,.]*k?\s*(?:usdt|usd|sgd|rm|hkd|dollars|bucks)?\s*more (?=to (?:finish|complete"
    r"|unlock|withdraw|release|unfreeze|get (?:it|my|the money))))\b"
    r"(?! (?:day|days|week|weeks|month|months|hour|hours|minute|minutes|time|chance|look|call|photo|document|form|id))",
    # A sum that went: "388 went, site say account verify need 500 more", "but $2,300 already went".
    r"(?:^|[,.;]\s*)(?:and |then |but )?[$£€¥₱₹]?\d[\d,.]*k?\s*(?:usdt|usd|dollars|bucks|rmb|yuan|sgd|rm|hkd)?\s+"
    r"(?:already |just )?(?:went|gone)\b",
    # Money out of the account, a wallet emptied, withdrawals shown: "8,600 came OUT of my
    # account", "her crypto wallet is empty now", "his bank book shows three withdrawals".
    r"\b(?:came|went|taken|withdrawn|debited|deducted|moved) (?:out )?(?:of|from) (?:my|his|her|our|their|the) (?:\w+ )?(?:account|card|wallet|savings)\b"
    r"|\b(?:wallet|account|balance|savings|card)s? (?:is|are|was|were|now|has been|got)\s+(?:now\s+)?(?:empty|zero|drained|cleaned out|wiped)\b"
    r"|\b(?:shows?|showed|showing) (?:\w+ ){0,2}(?:withdrawals?|transfers? out|debits?|deductions?)\b",
    # What the bank or a statement shows: "he's had $5,000 already", "$85k moved out",
    # "there are six payments to online shops", "¥20,000 and ¥30,000 going out",
    # "the total for this year: $62,000", "¥58,000 on his credit card", "nearly all gone".
    r"\b(?:he|she|they)(?:'s|'ve| has| have) had [$£€¥₱₹]?\d"
    r"|[$£€¥₱₹]?\d[\d,.]*k? (?:\w+ )?(?:moved|went|was taken|taken|transferred|going) out\b"
    r"|\bthere (?:are|were) (?:\w+ )?(?:payments|charges|transfers|withdrawals)\b"
    r"|\b(?:showed|shows|show) (?:me|us|him|her) (?:the )?(?:total|statements?|transactions|transfers)\b"
    r"|[$£€¥₱₹]\d[\d,.]*k? on (?:his|her|my|their) (?:credit |debit )?card\b"
    r"|\b(?:it'?s|its|it is|it'?s all|all|everything|savings|money) (?:nearly |almost |all |just |now )*(?:gone|vanished)\b"
    r"|\b(?:bank|they) (?:rang|called|phoned) (?:me |us |him |her )?(?:asking |to ask )?about [$£€¥₱₹]?\d"
    r"|\bflagged (?:a|two|three|the|\w+) (?:withdrawals?|transfers?|payments?)\b|\bfees add up\b"
    r"|\b(?:payment|transfer|money) (?:has |had )?(?:already )?(?:cleared|gone through|been processed)\b"
    # Cash handed, sums put in, card details typed, and the admission after it.
    r"|\bhanded (?:him|her|them|over) [$£€¥₱₹]?\d|(?<!you )\bput [$£€¥₱₹]?\d[\d,.]*k? in\b|[$£€¥₱₹]\d[\d,.]*k? and no \w+"
    r"|\b(?:entered|typed|keyed in|put in|gave (?:him|her|them))\b[^.!?]{0,12}\b(?:card no|card number|cvv|otp|pin|card details)\b"
    r"|\bi feel (?:so |such a |like a |really )?(?:stupid|foolish|fool|idiot)\b"
    # Cash fed to a crypto ATM, savings put into a scheme, sums moved, a code given, a card
    # lent: "fed $18,000 cash into it", "put their retirement money into a scheme", "moved
    # ¥52,000 to a 'clearing account'", "RM62,000 now sits in an account under ...", "he
    # gave them the TAC twice", "let a 'friend' use his bank card", "a transfer of RM3,200 OUT".
    r"|\bfed (?:rm|s\$|hk\$|[$£€¥₱₹])?\d[\d,.]*k? (?:\w+ )?into\b"
    r"|\bput (?:their|his|her|my|our) (?:\w+ ){0,2}(?:money|savings|pension|retirement|super|cpf|life savings) into\b"
    r"|\bmoved (?:rm|s\$|hk\$|[$£€¥₱₹])?\d[\d,.]*k? (?:\w+ )?(?:to|into)\b"
    r"|(?:rm|s\$|hk\$|[$£€¥₱₹])?\d[\d,.]*k? (?:now )?(?:sits|is sitting|is now|now is) in (?:an?|their|his|her|the|some) (?:\w+ )?account\b"
    r"|\bgave (?:them|him|her) (?:the |his |her |my |their )?(?:tac|otp|pin|one-time password|security code)\b"
    r"|(?<!to )(?<!'ll )(?<!will )(?<!would )\blet (?:a |an |some )?['\w]+ (?:use|borrow|have) (?:his|her|my|their) (?:bank )?(?:card|account)\b"
    r"|\b(?:transfer|payment|withdrawal) of (?:rm|s\$|hk\$|[$£€¥₱₹])?\d[\d,.]*k? out\b"
    # What the statement, the app history or the receipt shows went out: "PhonePe history has
    # 6 UPI payments", "FPS records show HK$420,000 ... to different company accounts", "bank
    # shows $3,400 accepted by the recipient", "Maybank2u show the payment successful".
    r"|\b(?:statements?|history|receipts?|records?|passbook|slip|app|bank|banking|maybank2u|m2u|upi|gcash|paytm|phonepe"
    r"|paynow|fps|duitnow|zelle)\b (?:already )?(?:(?:shows?|showed|has|had|say|says)\b[^.!?]{0,60}?\b(?:payments?"
    r"|transfers?|top ?ups?|debited|withdrawn|moved|cash-?outs?|charges?|successful|accepted|done|out)\b"
    r"|(?:shows?|showed)\b[^.!?]{0,6}?(?:rm|s\$|hk\$|[$£€¥₱₹])?\d[\d,.]*k?\b[^.!?]{0,30}?\b(?:total|sent|paid"
    r"|to (?:him|her|them|that|the|a|an|different|two|three|unknown|some|his|their|\d)))\b"
    # Local ways to pay, used as verbs: "did a GPay of ₹40,000", "processed via DuitNow",
    # "FPS'd HK$8,000", "reading out the numbers on the back of Apple gift cards".
    r"|\b(?:did|made|sent) (?:a |an )?(?:gpay|paynow|duitnow|fps|upi|gcash|zelle|interac|e-?transfer|venmo|paytm|phonepe)\b"
    r"|\b(?:processed|paid|sent|done|transferred|went) (?:it |them |the \w+ )?(?:via|through|by|thru|using|on) (?:\w+ )?(?:paynow|duitnow|fps|upi"
    r"|gcash|zelle|interac|gpay|paytm|phonepe|instapay|jompay)\b|(?<![a-z])(?:fps|paynow|duitnow|gpay|zelle)(?:'d|ed|咗|了)"
    r"|\bread(?:ing)? out (?:the )?(?:numbers|codes)\b|\bread (?:him |her |them )?(?:the )?(?:numbers|codes) (?:on|off) (?:the )?(?:back of )?"
    # ... made to do it, a login gone to them, card details put in.
    r"|\bmade (?:him|her|me|them|us|my \w+) (?:go to the bank and |go and )?(?:wire|transfer|send|pay|withdraw|move)\b"
    r"|\b(?:login|password|token|otp|pin|card details)s? (?:and (?:my |his |her )?\w+ )?went to (?:him|her|them)\b"
    r"|\bput (?:my |his |her )?(?:card details|card number|card no|cvv|otp|pin) in\b",
    # Made to do it, and money got out of them: "they had him borrow from several apps",
    # "she already got 2000 out of me".
    r"\bhad (?:me|him|her|them|us|my \w+) (?:borrow|move|transfer|send|pay|withdraw|buy|wire)\b"
    r"|\bgot (?:[$£€¥₱₹]?\d[\d,.]*k?|\w+ grand|everything|it all) out of (?:me|him|her|us|them|my \w+)\b",
    # Put in: "ive put in about six grand", "put 1.2k usdt on his platform", "15k in there".
    r"\b(?:i'?ve|i have|we'?ve|we have|she'?s|he'?s|has) put in (?:about |around |over |nearly |almost )?"
    r"(?:[$£€¥₱₹]?\d|\w+ grand|a (?:lot|fortune))"
    r"|\bput [$£€¥₱₹]?\d[\d,.]*k? (?:\w+ )?(?:on|in) (?:his|her|their|the|a|my)\b|\b\d[\d,.]*k? in there\b",
]
_ZH_NEG = re.compile(
    r"(?:没(?!多想|想那么多|细想|多问)|未|不|别|还没|没有|差点|差一点|险些|几乎|要不要|该不该|能不能|是否|会不会|要是|如果|万一|只要|需要|必须|(?:给|向)我?|(?:还|退)我"
    # About to, and other people's deeds ("我准备转数", "好多人都投了").
    r"|(?:要|让|叫|请|逼)我$|准备|打算|正要|想要|想(?!到|起)|要先|得先|需先|(?:好多|很多|不少|好几个|别|其他|其它|身边的?)\S{0,2}人|大家|人家|(?:他|她)自己|伊(?:家|们)?(?:已经|已|都|也)?"
    r"|(?:好多|很多|不少|好几个|几个|几位|有些|一些)(?:邻居|亲戚|朋友|同事|老人|家长|同学)都?"
    # A fear or a precaution, not an event: "怕他以后被骗", "担心我妈被骗", "防止老人被骗".
    r"|(?:以为|觉得|怕(?!就|了就|得)|担心|是不是|以免|防止|免得|预防|避免)[^，。,.!?！？]{0,3}"
    # ... or a question whether it counts: "这个算被骗吗".
    r"|算(?:是|不算)?)$"
)
# "Almost" anywhere earlier in the clause: "差点就把三万转过去了" (the stage model vetoes it too).
ALMOST = r"差点|差一点|险些|\bcha ?(?:yi ?)?dian\b"
_ALMOST = re.compile(rf"(?:{ALMOST})[^，。,.!?！？;；]*$")
_PAY_VERBS = "转汇付充交投打垫存贷借花寄"
# ... within the sentence: "she must not tell family. She wired $15,000" is a loss.
_EN_NEG = re.compile(
    r"\b(?:not|never|n't|didn't|didnt|haven't|havent|hasn't|hasnt|won't|wont|if|unless|almost|nearly"
    r"|should i|do i|before|should|shall|must|need to|needs to|have to|has to|supposed to"
    r"|(?:wants?|wanted|asks|asked|asking|told|telling|tells|needs?) (?:me|him|her|us|them|my \w+) to"
    r"|about to|going to|plans? to|planning to|thinking of|considering"
    r"|says|saying|said to|claims|claimed|thinking|thought)\b[^\w.!?;]*(?:[\w']+[^\w.!?;]*){0,3}$"
    # Other people's deeds: "half the parents already paid", "most of the group sent it".
    r"|\b(?:half|most|some|many|several|a few|lots|all|other|plenty) (?:of )?(?:the |my |our )?(?:other )?"
    r"(?:parents|people|members|class|classmates|group|neighbou?rs|colleagues|users|victims|others)"
    r"(?:\s+(?:already|all|just|have|had|also))*\s*$"
    # "... unless I call back and read him my card number": a condition, however long.
    r"|\bunless\b[^.!?;]*$"
)
# ("and then read them the pin" still belongs to the condition before it.)
_EN_BANK_SAYS = re.compile(
    r"\b(?:bank|teller|branch|statement|post office)\b[^.!?;]{0,12}\b(?:says?|said|saying|confirmed)\b[^.!?;]*$"
)
_EN_CONSEQUENCE = re.compile(r"\bso\b|(?<=[,;] )then\b")
# "... but haven't hit submit yet": the deed was stopped before it was done.
_EN_NOT_YET = re.compile(
    r"[^.!?;]{0,40}\bbut (?:i |he |she |we )?(?:haven't|havent|have not|hasn't|hasnt|didn't|didnt|did not"
    r"|not yet|never)\b"
)
# A thing named just before "he sent" is what was sent ("the trading site he sent").
_EN_THING_BEFORE = re.compile(
    r"\b(?:link|site|website|app|page|url|number|file|code|qr|screenshot|photo|picture|message|email"
    r"|text|address|wallet|account|form|invoice)s? (?:that |which )?$"
)
# Something someone else sent or gave the writer is no loss of theirs.
_EN_TO_WRITER = re.compile(r"\s+(?:me|us)\b")
_EN_FIRST_PERSON = re.compile(r"(?:i|we|i've|we've)\b")
_EN_THIRD_PERSON = re.compile(r"(?:he|she|they)\b")
_EN_SENT_BACK = re.compile(
    r"\b(?:sent|paid|gave|transferred|wired) (?:it |the money |them |that )?back\b"
)
_EN_BACK = re.compile(r"\s+(?:it |the money |them |that |the \w+ )?back\b")
_ZH_RE = [re.compile(p) for p in _ZH_PAID]
_EN_RE = [re.compile(p) for p in _EN_PAID]
# Most of the Chinese rules cannot match a message without Chinese characters, nor the
# English ones a message without Latin letters; script_gate proves which, once, so each
# message scans only the rules its script allows (a quarter of the matcher's time).
_ZH_WITHOUT_CJK = split_by_need(_ZH_RE, is_cjk)[1]
_EN_WITHOUT_LETTERS = split_by_need(_EN_RE, is_ascii_letter)[1]
# ... and each rule's strings, one of which any match contains: a rule whose strings are
# all absent from the message cannot match it and is not run (half the rules, typically).
_NEEDS: dict[re.Pattern[str], frozenset[str]] = {
    rx: required_strings(rx) or frozenset([""]) for rx in (*_ZH_RE, *_EN_RE)
}
# ... filed under their first character: a message looks only for the strings that
# begin with a character it contains.
_NEEDED = NeededStrings(frozenset().union(*_NEEDS.values()))


def _present(text: str) -> frozenset[str]:
    """Which of the rules' needed strings the text contains (each looked for once)."""
    return _NEEDED.present(text)


_ANY_CJK = re.compile(r"[\u2e80-\U0010ffff]")
_ANY_LETTER = re.compile(r"[A-Za-z]")


# Terse messages separate clauses with spaces ("公安的电话 说我涉嫌洗钱 钱已经转过去了"):
# between Chinese characters a space ends a clause like a comma, or what the caller said
# would swallow what the writer did next.
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def cjk_spaces_to_commas(text: str) -> str:
    """Spaces between Chinese characters turned into commas (clause breaks)."""
    return _CJK_SPACE.sub(",", text)


# What someone else wrote, quoted or forwarded ("对方发来的消息：“你的视频我已经录下来了…”",
# "【平安人寿】…已缴保费36800元", "got this SMS: '...'"): its deeds are not the writer's.
_QUOTED = re.compile(
    r"“[^”]{8,}”|「[^」]{8,}」|『[^』]{8,}』|\"[^\"]{8,}\""
    r"|(?:^|(?<=[\s:：,，(（]))'[^']{25,}'(?=$|[\s.,;:!?，。！？)）—-])"
    # An SMS led by its sender in brackets ("【XX银行】…", "[OCBC] …"), up to the end of
    # its first sentence, its link, or a break to the writer's own words. A header such
    # as 【转发】 leads the writer's own words and is left alone.
    r"|[【\[](?!转发|转|聊天记录|截图|图片|forward|fwd|screenshot)[^】\]\n]{2,12}[】\]]"
    r"[^\n—。！？!?]*?(?:(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/\S*)?(?=\s|$)"
    r"|[。！？!?]|\.(?=\s|$)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|\n|——|$)"
)


def without_quotes(text: str) -> str:
    """The text with what it quotes from others (messages, SMS, letters) taken out.

    A phone number in the quote stays ("【银行】…联系400-6xx-8xxx。她已经打过去了" is a
    call). A quoted debit alert the writer disowns ("…was approved on card ending 4410.'
    not me") is the loss itself, so such a text is left whole.
    """
    if not _QUOTE_MARK.search(text) or _DISOWNED.search(text) or _OWN_LINES.search(text):
        return text
    return _QUOTED.sub(_keep_numbers, text)


def _keep_numbers(m: re.Match[str]) -> str:
    return "，" + " ".join(_PHONE_LIKE.findall(m.group(0))) + "，"


# A pasted chat with the writer's own lines ("me: \"sent\""): both sides are quoted.
_OWN_LINES = re.compile(r"(?:^|\s)(?:me|我)\s*[:：]")
_QUOTE_MARK = re.compile("[“「『\"'【\\[]")
_PHONE_LIKE = re.compile(r"\+?\d[\d x-]{5,}[\dx]")
_DISOWNED = re.compile(
    r"不是我(?:自己)?(?:转|刷|买|付|消费|花|弄)|我(?:没|没有|从没)(?:转|刷|买|消费|付)过"
    r"|\b(?:not me|wasn'?t me|didn'?t (?:make|buy|authori[sz]e|do) (?:it|that|this|them|those))\b"
)


def is_demand(concepts: AbstractSet[str]) -> bool:
    """True when someone is asking for money, secrets, an app or screen access."""
    return not DEMAND_CONCEPTS.isdisjoint(concepts)


# A fresh demand between a deed and a denial: "我已经交了，他们还要我再交，我还没交".
_AGAIN = re.compile(r"又|再(?!说|讲|看|想|考虑)|还要|还让|还叫|还得|继续|追加|还差|还少")


def _denied_later(text: str, matched: str, start: int = -1) -> bool:
    """The payment verb of a match is denied elsewhere in the text ("我没借", "还没转").

    A deed told as done ("交了") is not undone by a denial that answers a later demand:
    "先交了三千，又要我交五千，我没交" still lost three thousand.
    """
    # ... or its telling verb: "让我把验证码念给她听，我还没念".
    verb = next((ch for ch in matched if ch in _PAY_VERBS or ch in "念报输填"), None)
    if verb is None:
        return False
    end = start + len(matched)
    done = "了" in matched or "过" in matched
    for no in ("没", "没有", "还没", "未", "要不要", "该不该"):
        at = text.find(f"{no}{verb}")
        while at != -1:
            if not (start >= 0 and done and at >= end and _AGAIN.search(text[end:at])):
                return True
            at = text.find(f"{no}{verb}", at + 1)
    return False


# Reported speech: what the caller claims ("客服说我的卡被盗刷了", "买家说钱已经打到平台
# 了") is the bait, not a loss. "按他说的转了" is the writer's own deed.
_REPORTED = re.compile(
    # ("说是律师的人上门拿走了" names who did it; it reports nobody's words.)
    r"(?<![按照听没不])(?<!短信)(?:说|称|(?<!电)(?<!二)话|通知)(?![的完了过]|是[^，。,.!?！？;；]{0,8}的)[^，。,.!?！？;；]{0,10}$"
)

# ... but a daughter telling her mother what she did is a loss told second-hand.
_REPORTED_DEMAND = re.compile(r"(?:说|称|话)[^，。,.!?！？]{0,3}(?:要|让|叫|得|需要)")
_FAMILY_SAYS = re.compile(
    r"(?:妈|爸|女儿|儿子|闺女|老婆|老公|老伴|爷|奶|孩子|外公|外婆|孙|侄|外甥|媳妇|女婿|姐|哥|弟|妹|朋友|同事|邻居)"
    r"[^，。,.!?！？]{0,6}说"
    r"|(?:跟|和|对)我说|告诉我"
    # ... and so is what the bank, the post office or the police found.
    # (Not "银行客服说": a caller calling himself the bank is the scam.)
    r"|(?:银行(?!客服|专员|工作人员|经理|的)|柜员|柜台|邮局|民警|派出所|药店|财务)[^，。,.!?！？]{0,6}(?:说|话)"
)


# The money came back or never left: "银行实时拦截，钱已经全部退回", "the bank reversed
# it". A deed told before this is undone; one told after it ("又转了一万") still counts.
_REVERSED = re.compile(
    r"(?<![没未不])(?:已经|已)(?:全部|全都|都)?(?:退回|退还|返还|追回)"
    r"(?![^，。,.!?！？]{0,8}(?:一部分|部分|一半|几千|一点|没收到|没到|没看到))"
    r"|(?:银行|及时|实时|成功)(?:拦截|止付)(?!不|失败)"
    # ... "钱退回来了", "银行说还没到账给拦回来了", "银行话笔数截咗，已经退返", "今朝退返入佢户口".
    # (Not a promise or a hope: "查完会退返", "还能追回来吗", "才能把本金退回来".)
    r"|(?<![没未不能会])(?:退回来|拦回来|追回来|拦下来)(?:了|咗)|(?:已经|已)退返|(?<!会)退返(?:了|咗|入)"
    r"|银行[^，。,.!?！？]{0,8}(?:截停|截了|截咗|截住)"
    # A loss of long ago, and this time the writer was spared: "我去年被骗过一次，这次学乖了".
    r"|这(?:次|回)(?:学乖了|学聪明了|长记性了|没上当|直接挂|没理|没转|没给)"
    r"|\b(?:recalled|reversed|clawed back) the (?:transfer|payment|money)\b|\b(?:it|the money|the transfer) came back\b"
    r"|\b(?:got (?:it all|all of it|the money|everything) back|(?:was|were|got) (?:fully )?(?:reversed|refunded in full)"
    r"|(?:it'?s|it is|the money'?s|the money is) back in (?:my|his|her|our|the) (?:\w+ )?account"
    r"|(?:my|our|his|her) bank (?:\w+ (?:it|the \w+) and )?(?:stopped|blocked|reversed|cancell?ed) (?:it|the (?:transfer|payment|transaction))"
    r"|(?:the bank|they) (?:stopped|blocked|reversed|cancell?ed) (?:it|the (?:transfer|payment|transaction)))\b"
)


def undone_until(text: str) -> int:
    """Where the last "it came back / was stopped" ends (0 if none): deeds before it are undone."""
    end = 0
    for m in _REVERSED.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        if not (_REPORTED.search(before) and not _FAMILY_SAYS.search(before)):
            end = m.end()  # not the caller's word for it ("他说已经退回了")
    return end


# A phone call, not a payment: "联系专员400-6xx-8xxx办理。她已经打过去了" (she rang them).
_PHONE_BEFORE = re.compile(
    r"(?:电话|号码|热线|专员|客服|座机|手机号|\d{3,}[-\dx*]*)[^钱款万千百块元]{0,14}$"
)


def _en_to_writer(text: str, m: re.Match[str]) -> bool:
    """Someone else's deed that came to the writer: "my son sent me 50", "he sent it back
    by bank transfer", "register on a trading site he sent"."""
    said = m.group(0)
    if _EN_FIRST_PERSON.match(said):
        return False
    if _EN_TO_WRITER.match(text, m.end()) or _EN_BACK.match(text, m.end()):
        return True
    if _EN_SENT_BACK.search(said):
        return True
    return bool(
        _EN_THIRD_PERSON.match(said)
        and _EN_THING_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
    )


def _phoned(text: str, m: re.Match[str]) -> bool:
    """The match is "打过去" / "打过来" right after a phone number, or "打了110": a call."""
    called = m.group(0).lstrip("钱都全")
    if not called.startswith("打"):
        return False
    return bool(
        _HOTLINE_AFTER.match(text, m.start() + len(m.group(0)) - len(called) + 1)
        or _PHONE_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
    )


# "打了110" / "打了96110" / "打了95588问": the number of a hotline, not a sum.
_HOTLINE_AFTER = re.compile(r"(?:了|过)?\s*(?:110|120|119|12110|96110|95\d{3}|400)(?!\d)")


# The story closes on what has not been done ("…，我还没去办", "我妈叫我先别转，还没转"):
# a deed told only as a plan before it ("办完把卡交给他们") was never done. A deed told
# as done ("转了", "给过", "打完") still counts: "转了一万，又要我交税，我还没交".
_CLOSING_NOT_YET = re.compile(
    r"(?:还没|还未|还没有|没敢|不敢|还在犹豫|还在考虑|还在想)[^，。,.!?！？;；]{0,8}[。.!！?？~…\s]*$"
    # ... or asks whether to: "我现在人就在ATM前面 要按吗".
    r"|(?:要|该|可以|能)(?:按|转|付|交|给|汇|输|填|点)吗[。.!！?？~…\s]*$"
)
_DONE_MARK = re.compile(r"了|过|完|走|掉|没|光|剩")


def _own_deed_after_reported_demand(text: str, at: int, deed: str, before: str) -> bool:
    """ "后面说要做联单任务我垫了2600": the demand was reported, the deed after it is the
    writer's own (not "说要交补课费让我转过去", where 我 is only told to)."""
    prev = text[at - 1 : at]
    return (
        (deed.startswith("我") or prev == "我")
        and prev not in "让叫要请逼催"
        and bool(_REPORTED_DEMAND.search(before))
    )


def already_handed_over(text: str) -> bool:
    """True when the (normalised) text says money or secrets have already been given."""
    # 缴 is the formal (and Taiwan/HK) word for paying a fee: the rules say 交.
    text = cjk_spaces_to_commas(without_quotes(text)).replace("缴", "交")
    undone = undone_until(text)
    closing_not_yet = _CLOSING_NOT_YET.search(text)
    present = _present(text)
    for rx in _ZH_RE if _ANY_CJK.search(text) else _ZH_WITHOUT_CJK:
        if present.isdisjoint(_NEEDS[rx]):
            continue
        for m in rx.finditer(text):
            # A rule may need words before the deed ("过数 ... 过咗") that the checks
            # for "叫我" or "没" must not read: they read from its `deed` group.
            at = m.start("deed") if "deed" in rx.groupindex else -1
            at = at if at >= 0 else m.start()  # an arm without the group matched
            deed = text[at : m.end()]
            if at < undone:
                continue  # "转了一万八，银行拦截了，钱已经退回"
            if _ZH_NEG.search(text[max(0, at - 4) : at]):
                continue  # "还没转了" is no payment, nor is "给我转了" (money coming in)
            if _ALMOST.search(text[max(0, at - 16) : at]):
                continue  # "差点就把三万转过去了"
            before = text[max(0, at - 12) : at]
            if (
                _REPORTED.search(before)
                and not _FAMILY_SAYS.search(before)
                and not _own_deed_after_reported_demand(text, at, deed, before)
            ):
                continue
            if _denied_later(text, deed, at):
                continue  # "要我借钱转给他，我没借"
            if closing_not_yet and not _DONE_MARK.search(deed):
                continue  # "办完把卡交给他们…我还没去办"
            if at == m.start() and _phoned(text, m):
                continue
            return True
    for rx in _EN_RE if _ANY_LETTER.search(text) else _EN_WITHOUT_LETTERS:
        if present.isdisjoint(_NEEDS[rx]):
            continue
        for m in rx.finditer(text):
            if m.start() < undone:
                continue
            # What follows "so" or "then" is a consequence, whatever came before it
            # ("unless i cooperated so i did what he said").
            before = (
                ""
                if _EN_CONSEQUENCE.match(m.group(0))
                else text[max(0, m.start() - 25) : m.start()]
            )
            # What the bank itself says is found, not claimed: "the bank says the payment
            # has already cleared".
            before = _EN_CONSEQUENCE.split(before)[-1]
            if _EN_NEG.search(before) and not _EN_BANK_SAYS.search(before):
                continue
            if _EN_NOT_YET.match(text, m.end()):
                continue
            if _en_to_writer(text, m):
                continue
            return True
    return False


# Words that say a story went wrong, or that someone else is behind it. Without one, a
# payment is not evidence of a scam: otherwise paying rent or buying a washing machine
# would send people to the police.
_FRAUD_CUE = re.compile(
    # A fee after the fee: "now the insurance", "又要交", "还要再交".
    r"\bnow (?:the|another|a|an) (?:\w+ )?(?:fee|insurance|tax|deposit|charge|payment)\b|又要(?:交|付|转)|还要再(?:交|付|转)|"
    r"骗|诈|拉黑|黑名单|联系不上|打不通|空号|关机|不退|退不回|提不出|取不出|提现不了|要不回|拿不回"
    r"|不见了|没影|跑路|失联|冒充|假的|假冒|不对劲|上当|被盗|盗刷|被转走|被扣|没收到|不发货|怎么办|冒用"
    r"|不给退|退不了|登不上|关门|封了|钱(?:都|全)?(?:没|mei ?)了|(?:a|an) [$£€¥₱₹]\d[\d,.]* charge"
    r"|(?:卡里|余额|账户|账上|存折)[^，。,.!?！？]{0,6}(?:少了|(?:没|mei ?)了|不见了)|被取走|说(?:他|她)是"
    # Told to keep it from the family ("叫他不好话给我们知", "她让我别告诉家里", "must not
    # tell family"); not the advice never to tell anyone a code.
    r"|(?:不要|别|不好|不准|不许|莫)(?:告诉|话给|讲给|说给|跟|同|和|让)[^，。,.!?！？]{0,6}"
    r"(?:家人|家里|屋企|我们|我哋|儿女|子女|孩子|仔女|老公|老婆|家属)"
    r"|\b(?:not|don'?t|never) (?:to )?tell (?:the |your |her |his |their |my )?(?:family|kids|children|son"
    r"|daughter|wife|husband|relatives|parents)\b"
    # Renting out a bank account or phone card, and money nobody knows moving through it.
    r"|(?:租|收|出租|出售|卖)(?:了)?(?:我|你|他|她)?的?个?(?:银行户口|银行账户|户口|银行卡|电话卡|手机卡|对公账户)"
    r"|不(?:知名|明)(?:的)?(?:钱|款|资金|转账|入账|来历)"
    # Pinyin initials of the platform's staff and its fees ("kf说", "交2000 bzj").
    r"|(?<![a-z])(?:kf|bzj)(?![a-z])"
    r"|中了[^，。,.!?！？]{0,4}(?:奖|汽车|轿车|手机|电视|冰箱)|block(?:了|咗|我)|封锁(?:了|咗)?(?:我|佢)"
    r"|\b(?:unreachable|uncontactable)\b"
    r"|\b(?:said (?:i|we) (?:need|needed|have|had) to|(?:met|meets) (?:him|her|them) on|soldier"
    r"|(?:called|rang|phoned|messaged|texted) (?:me )?saying (?:he|she|they) (?:was|were|is|are))\b"
    # A stranger directing the writer's hands: "那个人叫我", "他叫我按什么我就按什么".
    r"|(?:对方|那人|那个人|的人|陌生人)(?:让|叫|要|教)我|(?:他|她)(?:让|叫|要|教)我(?:按|操作|点|输|填|下载|打开|去柜员机|去atm)"
    r"|报警|追回|\b(?:scam\w*|fraud\w*|fake|blocked|cheat\w*|conned|stole|stolen|disappeared"
    r"|vanished|hacked|impersonat\w*|pretend\w*|lost|gone|can'?t (?:withdraw|get it back|reach)"
    r"|cannot (?:withdraw|reach)|never (?:arrived|came|got)|not (?:refunded|responding)|what do i do"
    r"|what should i do|police|help)\b"
    # ... or that someone else is behind the payment: who asked, claimed or led it.
    r"|(?<!我)说是|自称|声称|假装|客服|警官|警察|公安|法院|检察|老师|导师|对方|他们说|(?<![跟和对])(?:他|她)说(?!好)|他话|她话|群里|群主"
    r"|有人(?:话|说|打|加|找|叫|让|问|发|拉|用)|登不返|保证金|解冻费|好惊|害怕|好怕|心慌|慌了|担心"
    r"|平台|网友|陌生|威胁|勒索|威协|tixian|pianzi|\b(?:said (?:he|she|they) (?:was|were|is|are)"
    r"|claim\w*|called me|texted me|messaged me|online|agent|officer|rep|platform|group|app"
    r"|threat\w*|blackmail\w*|girlfriend|boyfriend|told me to|asked me to|made me|they|them"
    r"|worried|scared|afraid|panic\w*|block)\b"
    # ... or says outright that it has already gone: people write this to an anti-fraud
    # line when they fear the worst, and a missed loss costs more than a careful answer.
    r"|已经(?:转|汇|付|打|交)|\balready (?:sent|paid|transferred|wired|gave)\b"
    r"|(?:已经|yijing|(?<![a-z])yj)\s*(?:zz|hk|fk|dk|zhuan|hui|fu)"
    # Cantonese 呃 (cheat) and 扮 (pose as): "俾人扮我呃咗两万".
    r"|呃(?:了|走|钱|人)|扮(?:我|成|他|她|你|警察|客服|银行)"
    # A relative's "new account" or "new number" to pay into; cashing out only "after
    # one more round".
    r"|换(?:了)?(?:个|新的?)?(?:号码?|账号|帐号|微信|手机号|银行卡|卡号|户口)|才能(?:提现|提|取|出金|解冻)"
    # The same cues in pinyin: "bei ren pian le", "deng bu shang", "ti bu chu lai".
    r"|\b(?:bei (?:ren )?pian|pian (?:zou|le|guang)|la ?hei|deng bu shang|ti bu chu|bu neng ti|cai neng ti"
    r"|lian ?xi bu shang|bao ?jing|ka ?dan|ping ?bi|zhao ?hui|mei dao|zhao bu dao|bu jian le|pao le|zen ?me ?ban)\b"
    r"|被(?:别人|人)登|号被盗|被盗号"
    # The writer's doubt ("my mom's bank supposedly called"), and a seller who vanished.
    r"|\b(?:nothing (?:has |had )?(?:arrived|came|turned up|showed up)|(?:never|hasn'?t|has not|didn'?t|did not)"
    r" (?:arrive|arrived|come|came|turn up|turned up|show up|shown up)|bounce[sd]? back|number'?s? dead"
    r"|(?:site|website|page|shop|account|listing|profile|ad|post)(?:'s|s)? (?:is |was |has (?:been )?)?(?:gone|down"
    r"|deleted|disappear\w*|vanished|removed)|already used|rejected at the (?:gate|door|entrance)"
    r"|never heard of (?:us|me|him|her|them|it)|(?:don'?t|do not|didn'?t) recogni[sz]e|getting (?:it|the money|my money) back"
    r"|kena)\b"
    r"|\b(?:supposedly|so-called|allegedly|went quiet|ghosted|(?:does ?n[o']?t|dosent|doesnt) exist"
    r"|never (?:showed|shipped|delivered)|blank page|taken down|(?:later|only|then) found out|turned out)\b"
    r"|后来(?:才)?(?:发现|知道)|才(?:发现|知道)"
)


# The long alternations above, searched arm by arm among the arms a text could match.
_FRAUD_CUE_ARMS = AnyArm(_FRAUD_CUE)


def has_fraud_cue(text: str) -> bool:
    """True when the (normalised) text says something went wrong, not just that money moved.

    Scams only heard of, feared or joked about ("最近老听说扫码被骗", "这个不算被骗吧",
    "我又不是被骗") are no cue: clauses that merely mention one are left out.
    """
    if not _FRAUD_CUE_ARMS.search(text):
        return False
    if not _MENTION.search(text):
        return True
    told = [c for c in _CLAUSE.split(text) if c and not _MENTION.search(c)]
    return any(_FRAUD_CUE_ARMS.search(c) for c in told)


# A scam named only as hearsay, a fear, a denial or a question about it.
_MENTION = re.compile(
    r"听说|新闻|报道|看到(?:个|一个|有)|不算|不是被|又不是|不会(?:说|是)|会不会|算不算|是不是被|怕被|担心|以免|防止|以为"
    r"|\bheard (?:about|on the news|that|of (?:scams?|people|cases|this|these|it))\b"
    r"|\b(?:news|read about|a story|worried|in case|just asking|is it a scam|not a scam)\b"
    # Warnings passed on and general questions about telling a scam: "friends keep warning me
    # about romance scams", "what are the signs", "想问问以后怎么防", "这种一般怎么识别".
    r"|怎么(?:识别|防|辨别|区分|预防|避免)|如何(?:识别|防|辨别|区分|预防|避免)|讲座|视频讲"
    r"|\b(?:warn(?:s|ed|ing)? (?:\w+ )?about|(?:what are|common|warning|tell-?tale) (?:the )?(?:\w+ )?signs"
    r"|how (?:do|can|to|would) (?:i |you |we |one )?(?:spot|tell|recogni[sz]e|avoid|identify))\b"
)
_CLAUSE = re.compile(r"[，。,.!?！？;；\n]+|\s{1,}(?=[\u4e00-\u9fff])")


def names_a_secret(text: str) -> bool:
    """True when the text tells of a code, password, PIN or card number given away: told to
    anyone, the telling is a loss in itself, with or without a story of what went wrong."""
    return bool(_SECRET_TOLD.search(text))


_STRONG = r"(?:验证码|密码|cvv|安全码|卡号|yzm|yanzhengma|mima)"
_TELL = r"(?:告诉|念|报|给|发|输|填|说|讲)"
_SECRET_TOLD = re.compile(
    rf"{_STRONG}[^，。,.!?！？不别没未]{{0,8}}{_TELL}|{_TELL}了?(?:他|她|对方|他们)[^，。,.!?！？]{{0,4}}{_STRONG}"
    r"|\b(?:told|gave|read|sent|shared|entered|typed|texted|gave away)\b[^.!?]{0,30}"
    r"\b(?:otp|pin|password|passcode|verification code|security code|card number|card details|the code)\b"
)


# A payment that reached whom it was meant for, through the usual channel: rent to the
# landlord, a bill in the utility's own app, a pizza with its confirmation email. Without
# an alarm word it is an ordinary payment, not a loss (and not a lead towards a scam).
_KIN = (
    r"(?:妹妹|姐姐|弟弟|哥哥|妹|姐|弟|哥|妈妈|爸爸|妈|爸|女儿|儿子|老婆|老公|爷爷|奶奶|外公|外婆|孙子|孙女"
    r"|老伴|爱人|媳妇|父母|家里|家人)"
)
_SETTLED = re.compile(
    r"房东|房租|物业费|水电费|电费|燃气费|外卖|生活费|aa制|夹钱|菜钱|买菜|菜市场|guanfang shangcheng"
    r"|(?:饭馆|餐厅|饭店)(?:里)?吃饭|吃饭[^，。,.!?！？]{0,4}扫|平台(?:上|里|内)(?:下单|下的单|付款|付的款|支付)"
    r"|官方(?:的)?[^，。,.!?！？]{0,4}?(?:app|网站|商城|旗舰店|充值|储值|渠道|平台|小程序)"
    # A product bought at the bank's own counter, the game's own shop, a loan paid back.
    r"|柜台(?:买|办|存)了?[^，。,.!?！？]{0,4}(?:理财|存款|定期|保险|基金|国债)"
    r"|游戏(?:里|内)(?:的|面|面的|建的?)?(?:商城|直接充)|还(?:给)?我了"
    # Fees at the police station's counter, medicine with the medical-insurance card.
    r"|户籍窗口|工本费|药店|药房|挂号(?!信)"
    # The state's own service platform: "在国家医保服务平台里交了380".
    r"|国家[^，。,.!?！？]{0,8}服务平台"
    r"|\b(?:aa|landlord|my rent|the rent|(?:electricity|water|gas|phone|utility) bill|utility company"
    r"|fang ?dong|fang ?zu|official (?:[\w-]+ ){0,2}(?:app|website|site|store)|confirmation email|receipt"
    r"|my bank'?s (?:own )?app|the (?:normal|usual) way|as (?:usual|always)|like (?:i )?always"
    r"|(?:the )?refund (?:showed up|came through|arrived|landed|went through)|got (?:my|the|a) (?:full )?refund"
    r"|(?:they|amazon|the (?:shop|store|seller|platform)) refunded (?:me|my)|paid me back"
    r"|did (?:it|everything) (?:all )?(?:in|inside|through) the app"
    r"|\bpaid\b[^.!?]{0,40}\bmyself\b|\bschool'?s (?:own )?(?:\w+ ){0,2}(?:app|portal|website|office)\b|\bbpay\b"
    r"|\b(?:every|each) month at (?:the )?(?:remittance|bank|post office)"
    r"|paid (?:it )?(?:in|inside|through|on) the app\b(?! (?:they|he|she|that|which|the caller))"
    r"|my own (?:online )?banking|(?:used|using|through|via|in|on|with) my own (?:[\w-]+ ){0,2}(?:app|account|brokerage|broker)"
    r"|paid for (?:the )?(?:dinner|lunch|breakfast|drinks|coffee|the bill|the meal|the tab|our meal))\b"
    # Money to one's own family through the bank's own app: "我在手机银行上给我妹妹转了两千".
    rf"|(?:手机银行|网银|网上银行|银行app|银行的app)[^，。,.!?！？]{{0,6}}给(?:我|自己)(?:的)?{_KIN}"
    rf"|给(?:我|自己)(?:的)?{_KIN}[^，。,.!?！？]{{0,8}}(?:用|通过)(?:手机银行|网银|网上银行|银行app)"
    # ... and the relative says it arrived: "转了两百给我女儿她说收到了".
    rf"|给(?:我|自己)(?:的)?{_KIN}[^。.!?！？]{{0,8}}(?:她|他)?(?:说|讲)?(?:已经)?收到"
    r"|\b(?:got|received) (?:the |my |her |his |their )?(?:[\w-]+ ){0,2}(?:the )?same (?:day|afternoon|evening|morning)\b"
    r"|\b(?:sent|transferred|paid) (?:my|our) (?:sister|brother|mom|mum|dad|mother|father|son|daughter|wife"
    r"|husband|grandma|grandpa|parents)\b[^.!?]{0,40}\b(?:in|through|via|with|using) (?:my|our) bank(?:'s|ing)? app\b"
)
_ALARM = re.compile(
    # Not a fear ("我孙子说扫码会被骗"): that is a question, not an alarm.
    r"(?<!会被)(?<!怕被)(?<!容易被)(?<!小心被)(?<!担心被)(?<!防止被)(?<!以免被)(?<!有)(?<!以为是)骗|(?<!以为是)诈|拉黑|联系不上|打不通|空号|跑路|失联|冒充|假的|假冒|不对劲|上当|被盗|盗刷|被转走|提不出|取不出"
    r"|要不回|拿不回|报警|自称|声称|说是|威胁|勒索|没收到|不发货|陌生|客服|警|公安|法院|检察|老师|导师|群里|冒用"
    # ... or a fee the other side set ("对方让他先交会员费和验资").
    r"|会员费|验资|保证金|解冻|激活费|对方(?:让|叫|要)|\bpian(?:zi)?\b|抽奖|中奖|中了|[一二三四五六七八特头]等奖|刮刮卡"
    r"|没人接|不接电话|没(?:有)?下来|没下款"
    # ... or a payee who turned out to be someone else: a "new number", no reply after.
    r"|新(?:的)?(?:微信|号码|手机号|账号|号)|换(?:了)?(?:新)?(?:号|微信|手机号)|没换(?:号|手机|微信)|要回来|拿回来"
    r"|(?:就|再也|一直)?不回(?:了|复|消息|信息)|\bnew (?:number|phone number|account)\b"
    r"|才(?:发现|知道)|后来(?:发现|知道)|不是(?:她|他|我[^，。,.!?！？]{0,3})本人|根本不是|原来不是"
    r"|\bstopped (?:replying|responding|answering)\b"
    r"|\b(?:scam\w*|fraud\w*|fake|blocked|conned|stole|stolen|hacked|impersonat\w*|pretend\w*"
    r"|claim\w*|threat\w*|blackmail\w*|can'?t withdraw|never (?:arrived|came)|stranger|agent"
    r"|officer|support|customer service)\b"
)


# Checked the way we advise, or agreed beforehand ("当面问了确实是她", "提前说好的", "his
# own password"): that settles it even where the story mentions a group chat or a caller,
# unless it goes on to say it went wrong after all.
_VERIFIED = re.compile(
    r"当面(?:问|确认|核实|核对)|视频里看着|确实是(?:她|他)本人|(?:提前|早就|之前)(?:也)?(?:跟[^，。,.!?！？]{0,4})?(?:说好|商量)"
    r"|自己(?:设|改|定)的密码|我自己(?:申请|点|要)的验证码|(?:是|都是)?自己(?:交|缴|付|买)的|电子票据|开了收据"
    r"|官方的?(?:app|网站|小程序)上?(?:交|缴|付)"
    # Checked first through a channel of one's own: "打了学校财务处的座机问", "自己上官网核对了".
    r"|(?:打|拨)了[^，。,.!?！？]{0,10}的(?:座机|电话)(?:问|确认|核实|核对)|(?:自己|亲自)[^，。,.!?！？]{0,8}(?:核对|核实)"
    r"|确认(?:了)?(?:是|确实是)真的"
    # Done with the person beside them, or seen on a video call first.
    r"|(?:就|坐|站)在(?:我)?(?:旁边|身边)|(?:打|开)了?视频(?:电话)?(?:确认|核实)"
    # Rang the relative on the number they always use: "先打她平时那个电话，确认是她本人".
    r"|(?:打|拨|用)了?(?:她|他|孩子|儿子|女儿)?(?:平时|平常|常用|原来|以前)(?:的|个|那个|用的|那个用的)?(?:电话|号码|手机|号)"
    r"|\bfrom (?:her|his|their|the) (?:old|usual|normal|regular) (?:one|number|phone)\b"
    r"|\b(?:called|rang|phoned|tried) (?:her|his|their) (?:old|usual|normal|regular|own) (?:number|phone|mobile|line)\b"
    r"|\b(?:it|that) (?:really|actually|genuinely) (?:is|was) (?:him|her|them)\b"
    # ... or rang the company's official line.
    r"|(?:打|拨)了?[^，。,.!?！？]{0,6}(?:官方|官网上?的?)(?:客服)?(?:电话|热线|号码)"
    r"|确认(?:了)?(?:是|确实是)?(?:她|他|孩子|儿子|女儿)本人|(?:是|就是)(?:她|他|孩子|儿子|女儿)本人(?:的)?声音"
    r"|\b(?:called|rang|phoned) (?:him|her|them) (?:back )?on (?:his|her|their) (?:usual|normal|old|regular|own)"
    r" (?:number|phone|line)\b"
    r"|\b(?:sitting|sat|standing) (?:right )?(?:next to|beside) me\b|\bright next to me\b"
    r"|\b(?:came|come|comes) (?:over|round|around|home|by) for (?:dinner|lunch|tea|a visit|the weekend)\b"
    r"|\b(?:grandson|granddaughter|son|daughter|nephew|niece) came (?:round|over|by) (?:on )?(?:sunday|saturday|yesterday|today)\b"
    r"|当面(?:跟|和|对)我说"
    r"|\bwith me standing there\b|\b(?:typed|entered|put|keyed) (?:it|the code|them|that) (?:in )?myself\b"
    r"|\b(?:gave|handed) (?:it|them) to (?:him|her|them) in person\b"
    r"|\b(?:typed|entered|keyed|put) (?:in )?(?:the|their|its) (?:\w+ )?(?:address|website|url|site|web address)"
    r"(?: in)? (?:myself|by hand)\b"
    r"|\b(?:set|changed|reset|chose) (?:the |my )?(?:new )?(?:password|pin)[^.!?]{0,20}\bmyself\b"
    r"|\bat (?:my|the) (?:bank|branch|credit union|building society)\b[^.!?]{0,20}\bin person\b"
    r"|\b(?:were|was|are|sat|sitting) (?:literally |right |all )?(?:sitting )?together\b"
    # Checked through the bank's own number, not the one in the message: "打了卡背面的电话",
    # "自己打95588问了", "I called the number on the back of my card".
    r"|(?:打|拨)了?(?:银行)?(?:卡|卡片)(?:背面|背后|后面)的?(?:电话|号码|客服)"
    r"|\bnumber on the back of (?:the|my|his|her) card\W{1,3}(?:and )?(?:i|we|she|he) did\b"
    r"|(?:打|拨)了?(?:银行的?)?(?:官方|官网上?的?)(?:客服)?(?:电话|热线|号码)|(?:打|拨)了?\s*95[59]\d\d"
    # The government's own hotlines, and the writer's own login ("自己输入咗 登入成功").
    r"|(?:打|拨)了?\s*(?:12333|12345|12366|12315|12368|12393)|自己(?:输入|输)(?:了|咗)?[^，。,.!?！？]{0,6}(?:登入|登录)成功"
    r"|\b(?:called|rang|phoned|dialled|dialed) (?:the )?(?:number|phone number|hotline)(?: printed| listed| written)?"
    r" on the back of (?:my|the|his|her|our) (?:\w+ )?card"
    r"|\b(?:called|rang|phoned) (?:my|the|his|her) bank'?s? (?:official|own|real|actual) (?:number|line|hotline)"
    # A debit alert that turns out to be the writer's own purchase.
    r"|想起(?:来)?(?:是|那是)(?:我)?自己|是我自己(?:刷|买|付|交)的|自己(?:在[^，。,.!?！？]{0,6})?刷的"
    r"|\b(?:(?:my|his|her|their) own (?:password|pin)|as (?:we|they) (?:had )?agreed"
    r"|checked (?:with (?:him|her|them) )?in person|i (?:had )?requested (?:it|the code|a code|a reset)"
    r"|(?:from|with) my own (?:bank )?(?:account|card)|i did it myself|logged into the official)\b"
)
_WENT_WRONG = re.compile(
    r"(?<!不是)骗|诈|拉黑|联系不上|打不通|空号|跑路|失联|假的|假冒|不对劲|上当|被盗了|被转走|提不出|取不出"
    r"|要不回|拿不回|报警|换脸|才发现|后来发现|原来是(?!我?自己)"
    # ... or the check itself found it out: "打他原来的号码，他说根本没找过我".
    r"|没找过|没联系过|根本没|没有这回事|没这回事|不是(?:他|她)本人|越想越不对|不知道这(?:回)?事|不知情|怎么办"
    r"|\b(?:never (?:called|asked|messaged|texted|contacted|sent|knew|heard)|(?:wasn'?t|was not|isn'?t) (?:him|her|them))\b"
    r"|\b(?:found out|knew nothing|(?:has|had) no idea|(?:the )?money(?:'s| is| was) gone)\b"
    r"|\b(?:scam\w*|fraud\w*|fake|blocked|conned|stole|stolen"
    r"|hacked|deepfake|turned out|unauthori[sz]ed|wasn'?t me|didn'?t (?:make|authori[sz]e)|someone took"
    r"|(?:was|were|been) taken|missing|drained|emptied)\b"
    # ... the bank's own line confirming a theft; not a fear later put right ("还以为被盗刷了").
    r"|(?<!以为)(?<!以为被)(?<!以为是)(?<!怕被)(?<!担心被)盗刷"
)


_VERIFIED_ARMS = AnyArm(_VERIFIED)
_WENT_WRONG_ARMS = AnyArm(_WENT_WRONG)
_SETTLED_ARMS = AnyArm(_SETTLED)
_ALARM_ARMS = AnyArm(_ALARM)


# An alarm the writer found to be their own charge: "卡里少了两百块…查了账单才看到是信用卡
# 年费", "被扣了$65 吓死 原来是Netflix subscription renew", "自动续费 我自己去年开的".
_MISTAKEN = re.compile(
    r"(?:原来是|才(?:看到|知道|发现)是|结果是|查了[^，。,.!?！？]{0,10}(?:是|才))[^，。,.!?！？]{0,16}"
    r"(?:年费|续费|月费|会员|订阅|subscription|renew|annual fee|membership|自己)"
    r"|自动续费[^，。,.!?！？]{0,4}(?:我)?自己[^，。,.!?！？]{0,6}开的|是我自己[^，。,.!?！？]{0,12}(?:办|开|买|订)的"
    r"|\bturn(?:s|ed)? out (?:it was|to be) (?:my|the|an?) (?:own |annual |monthly )?(?:fee|subscription|renewal|membership)"
    r"|\b(?:turn(?:s|ed)? out|(?:oh )?wait,?) (?:it'?s|it was|that'?s) (?:my|the|an?|her|his|our) (?:\w+ ){0,2}"
    r"(?:fee|subscription|renewal|membership|standing order|direct debit|bill|insurance|rent)\b"
)


def checked_first(text: str) -> bool:
    """True when the writer checked the payee the way we advise, and nothing went wrong."""
    return _VERIFIED_ARMS.search(text) and not _WENT_WRONG_ARMS.search(text)


def ordinary_payment(text: str) -> bool:
    """True when the (normalised) text reads as a payment that went where it should."""
    if checked_first(text) or _MISTAKEN.search(text):
        return True
    return _SETTLED_ARMS.search(text) and not _ALARM_ARMS.search(text)
