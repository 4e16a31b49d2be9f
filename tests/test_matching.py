"""Matcher behaviour on the cases the product must get right."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.normalize import normalize
from bot.core.risk import already_handed_over, checked_first, has_fraud_cue, ordinary_payment
from bot.core.stages import _NOT_YET, _TO_ME

SCAMS = [
    ("一个男的说是检察院的，我的卡被用来洗钱，要我把积蓄转到监管账户", "impersonate_police"),
    ("抖音客服说我开通了会员每月扣费，要关掉得先转账验证", "impersonate_customer_service"),
    (
        "The Taobao customer service says my parcel was lost and they will refund me double",
        "impersonate_customer_service",
    ),
    ("我们银行的客户经理说公司账户要年检，让我把资料发到一个QQ群里", "impersonate_bank"),
    (
        "my boss added me on wechat with a new account and wants me to transfer 50000 to a supplier now",
        "impersonate_acquaintance",
    ),
    ("她说只要给视频点赞就给3块钱，现在说要垫付800做商家任务", "order_brushing"),
    ("股票群里的老师天天推荐牛股，让我下一个app跟着买", "fake_investment"),
]

BENIGN = [
    "快递员打电话问我明天上午在不在家，要给我送货",
    "The bank called to confirm the appointment I booked for Friday",
    "儿子用平时的号码打电话说周末回来吃饭",
    "银行短信说我的卡有一笔异地消费，让我打卡背面的电话核实，没有链接",
    "你好",
]


@pytest.mark.parametrize(("text", "category"), SCAMS)
def test_scams_are_recognised(matcher: Matcher, text: str, category: str) -> None:
    a = matcher.assess(text)
    assert a.category == category, a.as_dict()
    assert a.risk in {"high", "medium"}


@pytest.mark.parametrize("text", BENIGN)
def test_ordinary_situations_do_not_cry_wolf(matcher: Matcher, text: str) -> None:
    a = matcher.assess(text)
    assert a.category == "none", a.as_dict()
    assert a.risk == "low" and not a.urgent


def test_risk_levels(matcher: Matcher) -> None:
    assert matcher.assess("他说我涉嫌洗钱案件，让我配合调查").risk == "medium"
    assert matcher.assess("他说我涉嫌洗钱案件，让我把钱转到安全账户").risk == "high"


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("是的，已经转了五千", True),
        ("我把验证码告诉他了", True),
        ("I already transferred 20000 to the account they gave me", True),
        ("我还没转，对方让我先交保证金", False),
        ("I haven't paid anything yet, should I?", False),
        ("對方讓我轉帳，我已經匯了三萬", True),
        # Sixth session:
        # Someone else's loss, told to warn one's own or glad to have been spared.
        ("楼里有个同事被冒充的领导骗了三万，我想提醒下我妈，怎么说她才会听", False),
        ("舍友做刷单被骗了两千，我早劝她别做，还好我没碰", False),
        ("邻居李姐说有人冒充她女儿借钱，她打电话给女儿一问，没上当", False),
        (
            "my coworker lost 8k to a fake boss on whatsapp last week, how do i warn my parents",
            False,
        ),
        # Other parents paid; the writer has not.
        ("班级群里有人发了个收书本费的二维码，有几个家长已经扫了，我还没扫，这是真的吗", False),
        # The family's own loss stays urgent, whoever the writer means to warn.
        ("我妈被骗了五万，我想提醒一下亲戚们", True),
        # "我打了" answering a demand for a sum is a payment; answering "call 96110" a call.
        ("让我先打五千到他给的卡上 我打了 然后电话就关机了", True),
        ("他让我打96110问问 我打了 说这是骗子", False),
        # A link opened and filled in; a refund sent to a "customer" who never paid.
        ("短信叫我登录网站激活银行卡 我就点了还填了", True),
        ("有人冒充客户说多转了钱给我让我退 我没多想就退了 后来查根本没收到那笔钱", True),
        ("孙子打游戏的时候把我的微信支付密码告诉对方了", True),
        # Sichuan 咯 for 了; Hokkien 伊 (he, she) for someone else's deed.
        ("他说是农商银行的让我存三千验证流水 我存咯", True),
        ("厝边讲有个养老项目 伊家已经投了二十万 我还在想", False),
        # A loss of long ago, and this time spared.
        ("前年被骗过一回，这次学乖了，接到说中奖的电话直接挂了", False),
        # A registered letter (挂号信) is not a hospital registration; a prize is an alarm.
        ("收到一封挂号信，里面的刮刮卡刮出了一等奖，按电话里说的交了三千块税", True),
    ],
)
def test_urgent_detection(matcher: Matcher, text: str, urgent: bool) -> None:
    assert matcher.assess(text).urgent is urgent


def test_traditional_and_simplified_agree(matcher: Matcher) -> None:
    simp = matcher.assess("对方说是法院的，我的账户涉及案件，要我把钱转去安全账户")
    trad = matcher.assess("對方說是法院的，我的帳戶涉及案件，要我把錢轉去安全帳戶")
    assert simp.category == trad.category == "impersonate_police"
    assert trad.language == "zh-hant"


@pytest.mark.parametrize(
    "text", ["", " ", "\x00\x07", "{{ 7*7 }}", "<b>x</b>", "字" * 100_000, "🙂" * 50]
)
def test_junk_never_crashes(matcher: Matcher, text: str) -> None:
    a = matcher.assess(text)
    assert a.risk in {"high", "medium", "low"}


@pytest.mark.parametrize(
    "text",
    [
        "上周末在商场刷卡买了台洗衣机，花了三千二",
        "把这个月的房租转给房东了，他回了收到",
        "Paid my gas bill online this morning, 84 dollars.",
    ],
)
def test_an_ordinary_payment_is_not_a_loss(matcher: Matcher, text: str) -> None:
    """Money that moved, with nobody else behind it and nothing gone wrong, is no scam."""
    a = matcher.assess(text)
    assert a.category == "none" and not a.urgent and a.risk == "low"


@pytest.mark.parametrize(
    "text",
    [
        "個WhatsApp頭像係我老公，話手機壞咗，叫我轉錢俾佢朋友，我轉咗兩萬",
        "my grandmother has been sending money to a soldier she met online",
        "the 'bank officer' logged in for me and my savings account was drained",
        "网上认识的老师带我买币，转帐三次共九万，现在提不出来",
    ],
)
def test_losses_in_cantonese_english_and_totals_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "我妈今天给我转了五千说是生日红包，我打电话问过了确实是她",
        "有人说能帮我消除逾期记录，要我先在几个app借钱转给他，我没借，这靠谱吗",
        "有个陌生号码发短信说是我老同学，换号了，让我存一下",
    ],
)
def test_money_coming_in_or_denied_later_is_not_a_loss(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("投资群的老师叫我们入金买币，我入金三十万，现在出金失败", True),
        ("说是银行安全部门的，我把网银账号和密码给他了，他说帮我检查", True),
        ("说是银行安全部门的，让我把网银账号和密码给他，我挂了", False),
        ("税务局的让我买购物卡，把卡号念给他，我念了十张", True),
    ],
)
def test_the_writer_did_it_unless_told_to(matcher: Matcher, text: str, urgent: bool) -> None:
    assert matcher.assess(text).urgent is urgent


@pytest.mark.parametrize(
    "text",
    [
        # What the caller claims is the bait, not a loss.
        "银行客服打电话说我的卡被盗刷了，要我把钱转到新开的安全账户，我说先去柜台问问",
        "闲鱼买家说钱已经打到交易平台了，要我先交两百保证金才能提现，我还没交",
        # An app installed is a demand met, not money or a secret handed over.
        "股票群的老师让我在他们的app上开户，入金至少五万，我已经下载了还没入金",
        # Money coming in, said in pinyin; earnings shown by a task app; still hesitating.
        "wo erzi gei wo zhuan le 1000 kuai, shuo shi gei wo mai yifu de",
        "刷单群里说我做了三单赚了150，下一单要先垫付1000，我还在犹豫",
        "有個話係公安嘅人叫我去銀行開個新戶口，將啲錢轉入去俾佢哋監管，我仲未去",
        "公安让我下载软件，还要我把钱转到安全账户做清查。软件我装了，钱还没动，他还在电话那头等着",
        "網上認識的女朋友說她被困，需要我付機票錢，帳號已經發給我了，我還沒匯款",
        "A woman from 'eBay customer service' says she already sent me a $50 refund by mistake",
        "检察院的人让我把所有银行卡的余额截图发给他，还说要冻结我的资产，我没发",
        "直播间说我是幸运观众，抽中了一台iPhone，要我先付邮费198元，给了个二维码",
        "微信群里有人发了个链接说是抢红包，点进去是个空白页，这个会不会有病毒",
        "他们说可以帮我修复征信，要交服务费一千五，已经在催我转账了",
        "过了数天他又打来，说是公安局的，要我配合调查",
    ],
)
def test_claims_and_demands_not_met_are_not_losses(matcher: Matcher, text: str) -> None:
    a = matcher.assess(text)
    assert not a.urgent


@pytest.mark.parametrize(
    "text",
    [
        "我在手机银行上给房东转账交房租，两千八，已经转过去了",
        "I paid my electricity bill through the utility company's official app.",
        "Ordered a pizza and paid online with my credit card, got the confirmation email.",
    ],
)
def test_a_payment_that_reached_its_payee_is_not_a_loss(matcher: Matcher, text: str) -> None:
    a = matcher.assess(text)
    assert a.category == "none" and not a.urgent


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("冒充警察的 钱转了 怎么办", "impersonate_police"),
        # A daughter's loss told by her mother, and the bank's own SMS reporting money gone.
        ("我女儿在家做那种刷单的，今天哭着跟我说把学费都垫进去了，人家不给退", "order_brushing"),
        (
            "有人打来说是police，说我涉案，让我下了个app，开了share screen，刚才银行发短信说卡里转出去46000",
            None,
        ),
        (
            "有人話租我個銀行戶口每個月俾我三千，我已經將張卡同密碼交咗俾佢，而家好驚",
            "account_rental",
        ),
        (
            "shua dan jian zhi, wo yijing dianfu le san ci, yi gong 6800, ta shuo yao zai chong 1 wan",
            None,
        ),
        ("有人扮銀行職員要我講卡號同背面三個數字嚟核實，我講咗，跟住就收到一筆海外簽賬", None),
        (
            "My grandma prepaid $30,000 for a retirement home bed that promised a 10% yearly return.",
            None,
        ),
        # Cantonese 过数, a code forwarded, one sum split into several transfers.
        ("我阿媽話有個自稱公安嘅人要佢轉錢去監管賬戶，佢已經過咗三次數，總共二十幾萬", None),
        (
            "有人用我老友個WhatsApp叫我幫佢收個驗證碼，我將個碼轉咗畀佢，跟住我個WhatsApp登唔返",
            None,
        ),
        (
            "投资群的analyst让我通过他们的app申购，我把50w分好几笔转给不同的个人账户，现在app登不上了",
            None,
        ),
        # Chat logs pasted by the victim, losses told by what happened next, phrasal verbs.
        (
            "对方：把资金归集到清查账户，核查完原路返还\n我：好的\n我：柜台那边办完了，回执拍给您",
            None,
        ),
        (
            "自稱蝦皮客服說她帳戶每月會扣款，要她到提款機解除。她照著電話裡的指示按了好幾次，回家看存摺少了三萬多",
            None,
        ),
        (
            "Mum coughed up £1,800 to 'my son' on a new number before any of us saw the messages.",
            None,
        ),
        (
            "Part-time job rating hotels: five top-ups later I'm about $6k in and they want a tax",
            None,
        ),
    ],
)
def test_plain_second_hand_and_dialect_losses_are_urgent(
    matcher: Matcher, text: str, category: str | None
) -> None:
    a = matcher.assess(text)
    assert a.urgent and a.risk == "high"
    if category is not None:
        assert a.category == category


@pytest.mark.parametrize(
    "text",
    [
        "说是证监会的让我把两万块存到一个核验账户，我照做了，现在他电话关机",
        "叫我去柜员机，他叫我按什么我就按什么，回来一看卡里少了三万",
        "朋友拉我进一个互助会，每月交三千，我已经供了一年，现在会头不见了",
        "贷款的人让我把存折和提款卡寄过去做流水，密码写在纸条上，我已经寄出去了",
        "The parcel text sent me to a page and I filled in my card number, then a $380 charge showed up",
        "He kept me on a video call all afternoon and I ended up wiring my savings to his 'verification account'",
        "外婆的孙女回来一看说钱是转出去了，不是那个人说的退款",
    ],
)
def test_deeds_told_indirectly_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "群里有人收卡，说只要把卡和密码寄给他就行，一个月给两千，我在犹豫",
        "兼职点赞的做了两单他真的给我转了二十块，现在让我先垫付五百，我还在想",
        "表哥在家族群里让帮忙出份子钱，我打电话当面问了确实是他本人，转了两百",
        "给我姐转了一千块，之前跟她商量好的，她下周还我",
        "I helped my dad open online banking at the counter; he set his own password",
    ],
)
def test_conditions_bait_and_checked_payments_are_not_urgent(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "我爸说是公安要清查资金，这几天天天出门，今天在他包里翻到几张银行回单",
        "对方说帮我取消会员要验证，收到的短信让我读一下数字，我就读了，后来户口少了八千",
        "我妈说做任务能返佣金，陆陆续续入了五次钱，现在又让补钱才能提现",
        "孩子拿我手机给'游戏客服'扫码，前后五次，一共四千多，我看账单才发现",
        "him: I need the customs fee\nme: ok, went to Western Union again\nhim: thank you",
        "The caller had me install an app and I watched my balance drop while he talked",
    ],
)
def test_losses_buried_in_long_stories_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "He wants my banking password; I've filled in his form but haven't pressed send yet",
        "说我中奖了要先交运费，我已经把钱取出来放在家里了，还没给，要不要给",
        "收到扣款短信，我还以为被盗刷了，后来想起是自己在超市刷的",
        "社区让我们自己在官方的app上交医保，我在app上交了三百五，有电子票据",
        "兼职群里点赞，我做了两天收了八十块钱，现在让我下载app充值做任务",
    ],
)
def test_stopped_kept_mistaken_or_official_is_not_urgent(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "税务局的电话 说我有欠税 钱已经转过去了",
        "客服说要关掉会员 我跟着他弄 最后转了",
        "表弟微信说换号借三千 我给他转了 后来打电话他不知道",
        "说能帮我修复征信 先收了我三千 电话打不通了",
        "短信说中了电视 付了运费和税 一直没到",
        "簡訊說包裹地址錯誤 我點進去輸入了信用卡資料",
        "对方：先两万\n我：好了，你把视频删了\n对方：还差一万",
        "joined a group, put 8k into their trading app, now it says withdrawals are locked",
    ],
)
def test_terse_losses_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "理财群老师让我下载app然后入金五万，说是内部通道，我还没弄",
        "my friend wants me to put $5,000 into his crypto pool, is that safe",
        "兼职群前面返了钱 这次叫我垫付五百 应不应该",
        "网友要我姐借钱给他 被我拦住了",
    ],
)
def test_terse_demands_and_stops_are_not_urgent(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # A "not" in an earlier sentence does not deny what was done in the next one.
        "The caller said grandma must not tell anyone at the branch. She wired $9,000 to him the same afternoon.",
        # Apostrophes dropped: "didnt make".
        "got texted a link about a parking fine, gave them my card number, then two charges i didnt make showed up",
        # A quoted "sent" of the writer in a pasted chat.
        'him: "can you cover the $200 deposit"\nme: "sent"\nhim: "thanks, now the insurance"',
        # Money found missing afterwards.
        "after the 'bank officer' call, $4,800 is gone from my savings account",
        "my dad let them log in to his phone and his account balance dropped to 35",
        # The other side now holds the secret.
        "the fake bank guy has my online banking password now",
        # Did as told, said of someone else; "did the transfer".
        "mum did everything the caller said on her phone and the savings are gone",
        "he rang pretending to be my son, i did the transfer he asked for",
        # Paid someone an amount, or a fee, with the "I" left out.
        "paid the so-called recovery lawyer $1,500 and now he has blocked me",
        "clicked the customs link, paid the $3 handling fee and now my card has been charged twice more",
        # A secret typed in or read out, with the "I" left out.
        "opened the link in the sms, typed in my card number and the code, now there are charges",
        "the lady from 'the bank' rang and dad read out the six digits to her",
    ],
)
def test_english_deeds_without_the_usual_phrasing_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "The man wants me to wire $2,000 to his account today, is that normal?",
        "someone from 'the bank' wants the code from my sms, havent sent them the code yet",
        # A message sent is not money sent; the thing bought is not a payment to a scammer.
        "my cousin sent a voice message asking to borrow money for a plane ticket, i havent replied",
        "someone says a laptop i bought is faulty and wants to refund me, should i give him my card number?",
        "the sms says $500 will be taken from my account unless I call back",
        "what if he has my password? he keeps asking for it",
        "he rang pretending to be my son, should i do the transfer he asked for?",
        "the recruiter wants to be paid a deposit of $200 before I start, is that a scam?",
        "the task app paid me $30 for the first tasks, now they want me to top up",
        "if I paid the release fee, would they really send the prize?",
        "he keeps asking me to read out the code from the sms",
    ],
)
def test_english_asks_worries_and_look_alikes_are_not_urgent(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # Pinyin initials: yhk (银行卡), yzm (验证码), zz (转账), kf (客服), bzj (保证金).
        "客服让我点链接 输了yhk和yzm 卡里的钱mei了",
        "那个自称客服的人要验证码 我yzm给他了",
        "平台kf说交了bzj才能提现 我已经zz了",
        # Told to keep it from the family: a fraud cue where no pattern matched.
        "有人打电话学我外甥的声音，叫我妈不要告诉家里，我妈已经汇了三万过去",
        "the caller told grandpa not to tell his kids, and grandpa wired $6,000 that morning",
        # Renting out a bank card is itself the warning sign.
        "有人出两千块租我的银行卡，我已经把卡和密码给了他",
        # Rent asked for from a "new" account is no payment to the landlord.
        "表姐用新微信说要交房租借五千，我转了，后来她就不回了",
        "我最担心的事还是发生了，我妈被骗了五万",
        # A deed after the money came back still counts, and so does a refund only claimed.
        "第一次转的被银行拦截了，钱也已经退回来了，可是那个假警察第二天又打来，我又转了两万过去",
        "我转了五千给客服，他说已经退回了，可是一直没到账",
    ],
)
def test_pinyin_secrecy_rental_and_new_account_losses_are_urgent(
    matcher: Matcher, text: str
) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "那个自称客服的人叫我把yzm给他 我没给",
        "kf让我先zz两千bzj 我还没zz",
        "银行提醒验证码不要告诉任何人，我收到验证码后就删了",
        "房东发微信提醒交房租，我转了三千",
        # A fear is not an event.
        "想给我妈的卡设个转账限额，怕她以后被骗，在哪里设",
        # Stopped by the bank and refunded: nothing is lost.
        "上周转了八千给假客服，好在银行及时拦截了，钱已经全部退回",
        "I sent $700 to the fake landlord but the bank stopped the payment",
    ],
)
def test_refused_feared_refunded_or_settled_is_not_urgent(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's hands on the money: "had me move", "ended with me sending".
        "the 'fraud department' had me move everything into a new account to keep it safe, "
        "now nobody answers that line",
        "the remote support guy walked me through some screens and it ended with me sending "
        "$900 to a gift card site, what do I do",
        # The deed told without its verb: "did that this morning", "he did.", "i'd done it all".
        "they said I had to pay a $200 release fee to get my package. did that this morning "
        "and now they want customs money",
        "my dad was told to read his pin out to confirm the card swap. he did. now there are "
        "withdrawals we don't recognise",
        "I'd done everything they asked before my daughter told me it was a scam",
        # A clause that starts with how it was paid.
        "bought a puppy from an online breeder, paid half upfront with zelle and now the "
        "breeder went quiet",
        "the store looked legit, paid with my credit card, three weeks later the site doesn't exist",
        "some agency promised to fix my credit score. paid on their site and now they want "
        "another fee",
        # Authorised on the phone, a card typed into a page, costs covered, gift cards bought.
        "I think I accidentally approved a transfer while the 'bank agent' was on the phone",
        "clicked the parcel redelivery text and put my card details in, then got a $450 charge "
        "I never made",
        "my online boyfriend's parcel got stuck and I covered the $1,800 customs fee for him, "
        "now he needs more",
        "grandma has been buying him google play cards for weeks, he says he's a doctor overseas",
    ],
)
def test_english_losses_told_indirectly_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "the caller wants me to cover the $500 customs fee, should I?",
        "he told me to put my card details in the site but I didn't",
        "I almost paid the release fee but my son stopped me",
        # A condition, however long, is no deed.
        "the text says my account will be locked unless I call and then read them the pin",
        # Moving house and a phone number left for a call back are not payments.
        "we moved in together after meeting on a dating app, my family thinks it's a scam",
        "I gave them my number so the airline could call me back about my lost bag",
        "he had me worried for a minute but I hung up before giving anything",
        "she didn't. she hung up and called the bank herself",
    ],
)
def test_english_conditions_near_misses_and_look_alikes_are_not_urgent(
    matcher: Matcher, text: str
) -> None:
    assert not matcher.assess(text).urgent


def test_a_card_put_in_a_machine_is_not_handed_over() -> None:

    assert not already_handed_over(normalize("put my card in the atm and it got stuck"))
    assert already_handed_over(normalize("the page looked real so I put my card number in"))


@pytest.mark.parametrize(
    "text",
    [
        # Collected at the door, or given to "him".
        "有个自称孙子同学的人说孙子出车祸了，奶奶取了五万块，对方派人上门拿走了",
        "骗子冒充我表哥借钱，钱给他了才知道是假的",
        "我妈给那个假外孙发了五千，后来打电话给女儿才知道",
        # Savings spent as told, done and only then found out.
        "我妈听了群里老师的话，把养老钱拿去买了他推荐的基金，现在提不出来",
        "那个客服说退款要验证，我付完才发现号码是假的",
        "大姨说表哥换了新号码借两万，她转完才打电话问表哥",
        # Cantonese 呃 and 扮; borrowed to top up; the task "stuck" after paying.
        "我婆婆被人扮成我老公呃了三万蚊",
        "爸爸借了网贷去充那个赌博app，现在全输了",
        "刷单任务做到第五单就卡单了，说要再交钱才能提现",
        "电视购物买了好几盒保健品，一盒两千，后来才知道是骗人的",
        # Pinyin: "gei ta zhuan le", "yijing tou le", "wo sao le", "bei ren pian le", "ka dan".
        "wo gei ta zhuan le 3000 bao zhengjin, xianzai ti bu chu lai",
        "wo ma yijing tou le wu wan, laoshi shuo yao zai tou cai neng tixian",
        "wo sao le ta fa de erweima, weixin jiu deng bu shang le",
        "wo ba bei ren pian le 2 wan",
        "shua dan dao di san dan jiu ka dan le, yao wo zai chong 3000",
    ],
)
def test_chinese_and_pinyin_losses_told_indirectly_are_urgent(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "ruguo bei pian le zenme ban",
        "pa wo ma bei pian, zenme she zhuanzhang xiane",
        "ta rang wo gei ta zhuan 2000, wo hai mei zhuan",
        "他让我把钱拿去买他推荐的理财，我还在想",
        "老师叫我先把定存拿去买他推荐的产品，我没去",
        # Someone else's returns boasted of, while the writer still hesitates.
        "朋友说她已经拿了三个月利息了，叫我也投，我还在想",
        "快递员上门拿走了我要寄回老家的包裹",
        "等他转完了再说吧，我先问问我女儿",
        "给他发了三条消息都没回，是不是被骗了",
    ],
)
def test_chinese_and_pinyin_conditions_and_look_alikes_are_not_urgent(
    matcher: Matcher, text: str
) -> None:
    assert not matcher.assess(text).urgent


# Content gaps closed: English government bodies, sweepstakes, fixed-interest schemes,
# online casinos and cheap game top-ups (wording of our own, not from the data sets).
@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "A woman phoned saying she works for the IRS, I have unpaid back taxes and must "
            "settle them with store gift cards before an arrest",
            "impersonate_government",
        ),
        (
            "a man from the pension office says my grandpa must recertify at home or his payments stop",
            "impersonate_government",
        ),
        (
            "my aunt heard on the phone that she won a big sweepstakes but first needs to cover the release fees",
            "prize_lottery",
        ),
        ("村里有人拉我爸投一个养殖合作社，说保本保息每月给两分利息", "illegal_fundraising"),
        (
            "my colleague joined a private fund that promises 4% a month guaranteed and wants me in",
            "illegal_fundraising",
        ),
        ("有人在群里发了个娱乐城网址，说体育投注包赢，叫我先充两千", "gambling"),
        (
            "I deposited into an online casino app and now it won't let me cash out my winnings",
            "gambling",
        ),
        ("有人说可以三折帮我代充游戏点券，要先微信转钱给他", "game_trade"),
    ],
)
def test_content_gaps_for_government_prize_fundraising_gambling_and_games(
    matcher: Matcher, text: str, category: str
) -> None:
    assert matcher.assess(text).category == category


@pytest.mark.parametrize(
    "text",
    [
        "the tax office sent a letter saying my return was processed, I have nothing to pay",
        "the social security administration mailed my annual benefit statement",
    ],
)
def test_real_government_letters_stay_benign(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).category == "none"


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # Cantonese paying over only when done; other people's deeds and plans.
        ("佢叫我先過數先發貨，我仲諗緊", False),  # asked to pay over, not done
        ("我準備今晚過數畀個賣家", False),
        ("我琴日已經過咗數，個賣家封鎖咗我", True),
        ("群里说好多人都投了，我还没投", False),
        ("朋友说大家都转了，就我没动", False),
        ("我爸打算把退休金拿去买那个理财", False),
        ("他在微信上send了几张盈利截图给我看", False),
        ("对方让我交保证金，我 send 了 3000 过去", True),
        # How long is no sum: years of savings or a loan term.
        ("我在这家银行存了十五年的钱，一分没少", False),
        ("房贷我贷了三十年，每个月按时还", False),
        ("我按他说的存了十五万进那个账户", True),
        # An account handed to the writer to pay into is no secret given away.
        ("对方给了我一个卡号，让我把保证金汇过去", False),
        ("我把卡号和验证码都给了他", True),
        # "打过去" right after a phone number is a call.
        ("短信里留了个客服电话0755-8xxxx，我爸已经打过去了", False),
        ("他说要先交三千，我借了钱打过去了", True),
        # A plan the story closes by saying was never carried out.
        ("那人说开好卡把卡交给他保管就每月给钱，我还没去开", False),
        ("我已经把银行卡交给他了，还没报警", True),
        # A denial that answers a later demand leaves the first payment standing.
        ("我先付了两千押金，他又让我付三千，我没付", True),
        ("他叫我付钱，我没付", False),
        # Orders given, posts passed on, a phone number left, what a video says.
        ("the caller told him to buy gift cards but he hung up", False),
        ("i told them the code from the text", True),
        ("my cousin shared this in the family chat: never give out your pin", False),
        ("i shared my screen with the agent", True),
        ("i entered my phone number on the site and got a call", False),
        ("i entered my card number on the site", True),
        ("a video saying to put $500 into a crypto bot", False),
        ("i put $500 into a crypto bot", True),
        ("the bank froze my card and sent a text", False),
        ("he kept pushing and sent them $300", True),
        # Cash collected at the door, and charges nobody expected.
        ("she took out $6,000 and a courier picked it up at the door", True),
        ("the courier picked up my parcel this morning", False),
        ("i see three $19.99 charges on my card i don't recognise", True),
        ("what are the charges on my card for", False),
    ],
)
def test_plans_durations_calls_orders_and_collections(text: str, urgent: bool) -> None:

    assert already_handed_over(normalize(text)) is urgent, text


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        # Checked through the number on the card, or the bank's own hotline.
        ("我打了卡背面的客服电话核实，银行说账户没问题", True),
        ("我打了卡背面的电话，银行说卡被盗刷了两万", False),
        (
            "i phoned the number printed on the back of my debit card and they lifted the block",
            True,
        ),
        (
            "i called the number on the back of my card and they said $900 was taken by someone",
            False,
        ),
        # Money to one's own family through the bank's own app.
        ("我用手机银行给我爸转了三千块", True),
        ("用手机银行给我爸转了三千，后来才知道是骗子冒充他", False),
    ],
)
def test_official_number_and_family_transfer_in_bank_app(text: str, ordinary: bool) -> None:

    assert ordinary_payment(normalize(text)) is ordinary, text


@pytest.mark.parametrize(
    ("text", "vetoed"),
    [
        ("我爸打算明天去银行汇两万过去", True),
        ("我爸昨天去银行汇了两万过去", False),
        ("she asked me whether she should pay it", True),
        ("she paid it yesterday", False),
        ("my grandpa is about to go and wire the money", True),
    ],
)
def test_stage_model_waits_for_plans_and_questions(text: str, vetoed: bool) -> None:

    assert bool(_NOT_YET.search(normalize(text))) is vetoed, text


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("i typed in my number on their form", True),
        ("i typed in my card number on their form", False),
    ],
)
def test_stage_model_ignores_a_phone_number_left(text: str, excluded: bool) -> None:

    assert bool(_TO_ME.search(normalize(text))) is excluded, text


# Content gaps found on fresh15: English police/bank titles, English sextortion,
# gambling slang, deposits-for-eggs fundraising, plain-words loans and credit worries,
# and ordinary situations that share words with scams.
@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "a man who said he was a federal agent told me my name is tied to a drug case "
            "and i have to pay to avoid being arrested",
            "impersonate_police",
        ),
        (
            "someone from my building society's fraud team phoned and wants the code "
            "they just texted me so they can stop a payment",
            "impersonate_bank",
        ),
        (
            "i got an email saying my webcam was hacked and they recorded me, "
            "they want bitcoin or they send it to my friends",
            "sextortion",
        ),
        ("有个网站送了我一笔体验金玩牌，赢了点钱现在要我先充值才能提出来", "gambling"),
        ("小区里有人收老人的钱，说存一年连本带利还回来，每个礼拜还送米送油", "illegal_fundraising"),
        ("我快八十了想借点钱，电话里有人说他们不用抵押就能贷款给我，要先交手续费", "fake_loan"),
        ("电话里说我信用有问题，不处理以后就坐不了高铁，让我交钱消掉", "fake_credit_repair"),
    ],
)
def test_fresh15_content_gaps(matcher: Matcher, text: str, category: str) -> None:
    a = matcher.assess(text)
    assert a.category == category, a.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "我在闲鱼买了一个二手台灯，钱先付给平台，卖家发货后我检查没问题再确认收货",
        "how can I help my grandparents avoid phone scams, they live by themselves",
        "税务局通知我个税退税已经审核通过，会退到我申报时填的那张银行卡上，不用做别的",
    ],
)
def test_fresh15_benign_lookalikes(matcher: Matcher, text: str) -> None:
    assert matcher.assess(text).category == "none", matcher.assess(text).as_dict()


# Open demands phrased in everyday ways: a caller who asks to borrow, an extortion
# threat ("pay or I post it"), a Cantonese "download", a request to invest, a demand
# for crypto or for proof of identity. Nothing has gone yet, so high but not urgent.
@pytest.mark.parametrize(
    "text",
    [
        "舅舅说有个自称他老同学的人打电话来叙旧，聊了一会儿就开口借钱",
        "網上認識嘅人話唔俾錢就將我啲相發俾我屋企人",
        "有個自稱快遞客服嘅人叫我落載一個app攞賠償",
        "楼下的老板一直劝我妈入股他的公司，说年底分红翻倍",
        "someone messaged me claiming to have a recording of me and wants bitcoin this week",
        "a caller said he was a federal officer and wants me to verify my identity before he can help",
    ],
)
def test_open_demands_in_everyday_words_are_high(matcher: Matcher, text: str) -> None:
    a = matcher.assess(text)
    assert a.category != "none", a.as_dict()
    assert a.risk == "high" and not a.urgent, a.as_dict()


# Deeds and near-misses from the sets of 2026-11-27's third session (fresh18-25), in new wording.
@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # 缴, the formal and Taiwan/HK word for paying a fee.
        ("賣家說要繳押金才放貨，我已經繳了三次，一共六千", True),
        ("平台说要先缴手续费，我还在考虑", False),
        # A balance told the Cantonese way, and a passbook that shrank.
        ("照佢講嘅㩒完之後，我張卡得返二百蚊", True),
        ("我個簿仔少咗成萬蚊", True),
        ("我張卡得返好多優惠", False),
        # The bank's own debit message, and the numbers read out more than once.
        ("挂了电话没多久，手机来了条提醒说支出了6500元", True),
        ("他说是银行的，要那串数字，我念了三遍他才记下", True),
        ("我说了两遍我不需要贷款", False),
        # Paid out of something ("从…转了"), not a demand pending ("已经在催我").
        ("我妈已经从养老卡里转了两万给那个专家", True),
        ("对方已经在催我转账了，还说今天是最后期限", False),
        # English verbs and secrets inside Chinese sentences, and pinyin for the code.
        ("点开那个网页，我已经 key in 了卡号和有效期", True),
        ("页面让我填 card number 和 cvv，我关掉了没填", False),
        ("我在链接里填了card number跟短信里的otp", True),
        ("wo ba yanzhengma nian gei ta le, xian zai zen me ban", True),
        ("ta yao wo de yan zheng ma, wo mei gei", False),
        # Almost is not done.
        ("我婆婆差点就把三万转过去了，被柜员拦下", False),
        ("我婆婆把三万转过去了，柜员没拦住", True),
        # English: he's/she's bought, ended up ... sending, and a code the other side sent.
        ("grandpa's paid 9,800 for some 'detox' pills after that free seminar", True),
        ("she's bought a 'healing' bracelet for 4,000 at the expo", True),
        ("somehow my uncle ended up installing two apps and sending 7,000 to them", True),
        ("he wants the pin they just sent to my phone, i haven't said it", False),
        ("i just sent him the pin", True),
        # A payment app as the verb, or named as the way the money went.
        ("seller wanted half upfront so i venmo'd him 200 and now his page is gone", True),
        ("paypal'd the 'customs fee' last night", True),
        ("ordered a bike off a forum, sent by bank transfer, no tracking since", True),
        ("they want a 900 euro release fee paid by western union", False),
        ("should i zelle him the deposit?", False),
        # Learner's and Singapore/Malaysia English.
        ("the officer say my account got problem, i already transfer rm8k to his acc", True),
        ("i deposit 3 time total 900 sgd into the task account", True),
        ("order the phone from ig page, bank in dy, seller block me", True),
        ("after i pay he say need more money for the courier", True),
        ("he ask me transfer rm500 first, i not yet transfer", False),
        # Someone else's hands on the money; fees taken from the card.
        ("the 'mentor' got me to send 3k usdt to his platform", True),
        ("the loan site made her pay a 'release deposit' through gcash", True),
        ("the app took a $250 'insurance fee' out of my debit card before any loan came", True),
        ("they want me to pay a $250 fee before the loan comes", False),
        # Deposits put down, gift cards, "which i did", a sum told as sent.
        ("we put a deposit down on a kitten from a facebook breeder", True),
        ("bought four apple gift cards and read him the numbers", True),
        ("she asked me to confirm the three digits on the back, which i did", True),
        ("she asked me to confirm the three digits on the back, which i did not", False),
        ("did the wire thing the caller talked me through, 6k", True),
        ("so far 12k sent to the 'safe account'", True),
        ("200 dollars sent back to me as a refund", False),
        ("paid the so-called agency 900 bucks to fix my credit", True),
        # Pinyin: the deed, the secret typed in, the money gone; told to the family.
        ("ta shuo zuo dan fan li, wo xian dian fu le liang bi", True),
        ("wo dian le lianjie tian le kahao he mima", True),
        ("ta rang wo tian kahao, wo mei tian", False),
        ("gongxiang pingmu yihou qian dou mei le", True),
        ("奶奶把存款取出来，晚上有个人上门拿走了", True),
        ("我已经跟他转帐了，刚才才知道是假的", True),
        ("专员让我先存两万证明还款能力，我存了", True),
        ("我在这家银行存了十几年定期", False),
        # The code read back, cash handed over, prompts approved, a QR scanned and approved.
        ("he needed the code from my texts so i read it back to him", True),
        ("he wants me to read the code back to him, i haven't", False),
        ("a lad came round and she handed the envelope over at the door", True),
        ("the caller asked me to tap approve on my banking app, so i tapped approve twice", True),
        ("i scanned the qr and approved it on my phone", True),
        # Money gone in plain words.
        ("by the evening rm 12,500 went out to an account i don't know", True),
        ("the money came out of her account the same day", True),
        ("my whole salary gone just like that", True),
        ("an hour later my balance says $40", True),
        ("my balance says $4,000, is that right", False),
        # Paid, said without "i paid".
        ("the agent wanted the stamp duty upfront, settled it last week", True),
        ("dad went to the branch and the teller processed it", True),
        ("my pension covered it, now they want more", True),
        ("the deposit went by bank transfer to the 'owner'", True),
        ("he wants $500 via zelle before friday", False),
        ("got my tax refund deposited today, same account as every year", False),
        # Put in, steered, let in.
        ("i've put in about four grand so far", True),
        ("put 800 usdt on her platform last month", True),
        ("the fake technician made her return 1,500 'overpaid' pounds", True),
        ("my grandad let him log in on his computer", True),
        ("grandpa withdrew $5,000 and a man came to the house to pick it up", True),
        ("my aunt and i went to the post office and wired it", True),
        ("mum did it straight away", True),
        ("got the sofa listing, £95 by bank transfer because he said paypal charges", True),
        ("he wants £95 by bank transfer before he posts it", False),
        ("the loan app took my 'activation fee' and nothing came", True),
        ("my son bought game credits on some site using his dad's card", True),
        ("there are two charges of 49 on my card from a name i don't know", True),
        ("她二话没说就转了", True),
        ("他叫俺念验证码，俺念了两遍", True),
        ("i mailed $900 in money orders for the 'taxes'", True),
        ("the bank rang this morning asking if i made a $2,000 transfer last night", True),
        ("银行打电话问我是不是本人操作转账", True),
        ("she wanted my card number, i told her i'd ring the bank first", False),
        ("the 'broker' wants him to put $5k into the ipo fund by friday", False),
        ("he needs my mum to send 2,000 before noon", False),
        ("ta rang wo zhuan qian, wo cha dian zhuan le", False),
        ("我去银行柜台转了，第二天他说没这回事", True),
        ("他叫我去银行柜台转，我没去", False),
        ("我妈拿二十万投资那个康养项目", True),
        ("阿公回来就把定存解约了", True),
        ("他叫我明天去把定存解约，我还没去", False),
        ("sent the 900 deposit to the host", True),
        ("he's down 1200 already and they want more", True),
        ("now 900 is gone from my account", True),
        ("dianquan 3 zhe, wo fa le, ren jiu pao le", True),
        ("qian zao jiu gei le 900", True),
        ("haizi gei mai pifu de na ge ren zhuan le san ci qian", True),
        ("wo ma zhuan le liang bi gei na ge 'jingguan'", True),
        ("ta rang wo gei ta zhuan qian, wo mei zhuan", False),
        ("erzi gei wo zhuan le sheng huo fei", False),
    ],
)
def test_deeds_and_near_misses_of_the_third_session(text: str, urgent: bool) -> None:

    assert already_handed_over(normalize(text)) is urgent, text


# Ordinary payments and alarms from the same sets.
@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        # Paid through an official platform, at the market, to the landlord (pinyin).
        ("学校让在教育局官方的缴费小程序上交校服费，我交了260", True),
        ("有个自称教育局的人让我在他发的平台上交了260", False),
        ("在菜市场扫摊主的码付了35块菜钱", True),
        ("wo zhuan gei fang dong le zhe ge yue de fang zu", True),
        ("i paid 80 inside the official city parking app", True),
        # A fear is no alarm; a fee set by the other side is.
        ("我女儿说扫码容易被骗，我今天在超市扫码买菜付了40，没事吧", True),
        ("对方让他先交会员费，他从生活费里转了四千", False),
        # Checked in person, beside them, or through the school's own line.
        ("my son was sitting right next to me when he typed the code into my banking app", True),
        ("我打了学校财务处的座机问，确认是真的才在官网交的", True),
        ("好几个朋友打电话问我是不是借钱了", False),
        # The usual number in Cantonese, the daughter's old phone, the insurer's own line.
        ("阿爺話表叔真係打嚟借錢，用佢平時個號碼，我哋就過咗數", True),
        (
            "she texted from a new number but rang me from her old one first, so i sent the 300",
            True,
        ),
        ("我打了保险公司官方客服电话续保，刷卡付了2800", True),
        ("阿爺話有個新號碼嘅表叔打嚟借錢，我哋就過咗數", False),
        ("bought a lamp on amazon the normal way, paid by card, it came today", True),
        ("the food rider called from downstairs, i paid in the app already", True),
        ("i paid in the app he sent me and now he wants more", False),
        ("paid my cousin back for dinner, we were sitting together when i sent it", True),
        ("在饭馆吃饭扫了桌上的码付了88", True),
        ("the refund showed up on my card today", True),
        ("给房东转了押金，后来房东电话也没人接了", False),
    ],
)
def test_ordinary_payments_and_alarms_of_the_third_session(text: str, ordinary: bool) -> None:

    assert ordinary_payment(normalize(text)) is ordinary, text


@pytest.mark.parametrize(
    ("text", "category", "urgent"),
    [
        # Checked on the relative's usual number first: no scam, and no loss.
        ("外孙发微信说学费差一点，我先拨了他平常用的手机，确认是他本人，才转了三千", "none", False),
        (
            "my nephew texted from a new number asking for rent money, "
            "i rang him back on his usual number and it really was him, so i sent 400",
            "none",
            False,
        ),
        # ... but a check that found the scam out leaves the loss standing.
        (
            "外孙发微信说学费差一点，我转了三千，后来拨了他平常用的手机，他说根本没找过我",
            "impersonate_acquaintance",
            True,
        ),
    ],
)
def test_a_payment_checked_first_is_no_scam_unless_the_check_found_one(
    matcher: Matcher, text: str, category: str, urgent: bool
) -> None:
    a = matcher.assess(text)
    assert (a.category, a.urgent) == (category, urgent), text


@pytest.mark.parametrize(
    ("text", "category", "risk"),
    [
        # Whole messages in pinyin: the everyday ones stay benign ...
        (
            "kuaidi ge ge da dian hua wen wo wan shang zai jia ma, ta yao song xiang zi guo lai",
            "none",
            "low",
        ),
        # ... and the scams are recognised with their demand.
        (
            "yinhang de ren shuo wo de ka yao sheng ji, jiao wo ba yzm fa gei ta",
            "impersonate_bank",
            "high",
        ),
        (
            "you ren shuo shi jing cha, shuo wo she an xi qian, yao wo kai pingmu gongxiang",
            "impersonate_police",
            "high",
        ),
    ],
)
def test_whole_pinyin_messages(matcher: Matcher, text: str, category: str, risk: str) -> None:
    a = matcher.assess(text)
    assert (a.category, a.risk) == (category, risk), text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("nothing has arrived in two weeks", True),
        ("the shop's page is gone", True),
        ("the real owner had never heard of us", True),
        ("the parcel arrived on tuesday", False),
    ],
)
def test_what_went_wrong_in_plain_english(text: str, cue: bool) -> None:

    assert has_fraud_cue(normalize(text)) is cue, text


def test_checked_and_stage_model_edges(matcher: Matcher) -> None:
    assert has_fraud_cue(normalize("a man rang me saying he was from the bank"))
    assert ordinary_payment(normalize("the login code came by text and i typed it in myself"))
    assert ordinary_payment(normalize("got a car loan at my credit union in person, no fees"))
    a = matcher.assess("LINE群組的老師叫我今天加碼買一支飆股，錢要匯到他給的個人帳戶")
    assert (a.category, a.risk) == ("fake_investment", "high")
    assert not matcher.assess("网友说她妈住院了让我借她一万，我差点就转了").urgent


def test_a_check_that_found_nothing_known_is_no_check() -> None:
    text = "孙子说打架要赔钱，我给他汇了两万，现在打他原来那个号他说不知道这事"
    assert not ordinary_payment(normalize(text))
    assert has_fraud_cue(normalize("the listing's deleted now"))
    assert has_fraud_cue(normalize("dianquan mei dao, ren ye zhao bu dao le"))


# Near misses of the fourth session's sets (fresh27), in new wording: a count is no sum,
# a name given to sign up is no loss, a card on its way to the writer is not money gone,
# a form half filled in was never sent, "told him to wait" tells nothing, an account
# number someone gave the writer is not the writer's account handed over.
@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("社区工作人员帮我在政务app里刷了一下脸，养老金认证就通过了", False),
        ("骗子让我转了三万", True),
        ("群主只让我报了个名，还没说要交钱", False),
        ("我报了警，钱还是没追回来", False),
        ("我交了两千押金", True),
        ("补办的新卡已经寄给我了，收到后自己激活", False),
        ("已经寄了两万现金给那个'专案组'", True),
        ("他叫我写卡号和密码，我填了一半觉得不对就关掉了", False),
        ("他叫我写卡号和密码，我填了，提交了", True),
        ("the 'bank' guy wanted my card number, i told him wait and hung up", False),
        ("i told him the code from the text", True),
        ("the caller gave me an account number to pay into, i haven't", False),
        ("i gave him my card number and the pin", True),
        # Money or a link coming to the writer; sums put in, or told as a total.
        ("did the rating tasks and got paid $30 the first day, now they want a top up", False),
        ("the trade site he sent me looks off, wants me to log in there", False),
        ("I sent him $400 for the deposit", True),
        ("我爸把二十万投进一个什么消费返还的平台，现在平台关了", True),
        ("要我今天把多发的一万二转到他们指定账户", False),
        ("我前后垫了四次，加起来两万多", True),
        ("so 35,000 went into the account he gave me", True),
        # Gift-card numbers sent on.
        ("叫我买两张点卡把序号拍给她，我买了也传了", True),
        # The fourth session's later sets (fresh30-35), in new wording.
        # What others wrote, quoted or forwarded, is not the writer's deed ...
        ("对方发来：“你的录像我已经存好了，不给三万就发给你全家”，我该怎么办", False),
        (
            "【某某保险】尊敬的客户，您已缴保费两万元可申请全额退还，请加顾问微信办理。这是真的吗",
            False,
        ),
        (
            "got this sms: 'your parcel fee has been paid, confirm your address at the link' legit?",
            False,
        ),
        # ... but the writer's own words after it are, and a debit alert they disown is one.
        ("【积分中心】您的积分即将清零，点击 jf-abc.top 兑换 我点进去填了卡号和密码", True),
        ("forwarding this: 'a charge of $420.00 was approved on card ending 1234.' not me", True),
        ("【某银行】您的账户即将停用，请联系400-123-4567。我妈已经打过去了，还在犹豫", False),
        # Written Cantonese with 左 for 咗; paid by some means; secrets mailed or typed in.
        ("佢叫我讀個OTP出嚟 我講左俾佢聽", True),
        ("我用便利店的缴费码付了两千九", True),
        ("他把网银密码和提款卡用快递寄给了一个网友", True),
        ("我儿子已经输入了我的 apple id 密码", True),
        ("我已经 bank in 了 RM300", True),
        ("他叫我开 zoom，我 share 了屏幕", True),
        # A call to 110, another person's money, a reading not yet done.
        ("我自己打了110问了一下", False),
        ("他自己投了十几万进去，还叫我也投，我没投", False),
        ("她让我把验证码念给她，我还没念", False),
        # English: a pay app as the verb, payments kept up, logging in on the link ...
        ("I PayNow $680 to the seller then he block me", True),
        ("mum has been paying 'fees' to them for months", True),
        ("clicked the link in the text and logged in on the link, now my account is locked", True),
        # ... but bait paid to the writer, profits shown off, and what they need done is not.
        ("they paid 150 for the first 3 reviews, now they want a deposit", False),
        ("he sent screenshots of his profits and wants me to join", False),
        ("the guy says he will send an OTP and I need to read it back to him", False),
        # The last sets of the fourth session (fresh37-39), in new wording.
        ("they sent 3 screenshots of payouts and asked me to join the paid tier", False),
        ("the verification page he sent looks fake, i didn't open it", False),
        ("the app made me verify by paying $80 in gift cards", True),
        ("i did three transfers already to their 'clearing' account", True),
        ("my parents put rm30,000 into the co-op last year", True),
        ("he won at first and then lost 40k on the betting app", True),
        ("she lost 10 pounds on that diet", False),
        ("my 10yo used my card to buy the 'free' robux, $90", True),
        ("mum sent it before i could stop her", True),
        ("my son sold his game account to a guy online", False),
        ("我爸把30万积蓄借给了一个搞项目的老板", True),
        ("要先交首期利息两千才能放款，正常吗", False),
        ("好多邻居都投了，我还没投", False),
        ("让我照他说的在atm上操作，我现在就在atm前面，要按吗", False),
        ("我没多想就把验证码报给他了", True),
        ("视频之后他就send了我通讯录的截图过来", False),
        # The third round of the fourth session (fresh40-45), in new wording.
        ("i already did one FAST transfer of $9,000 to the 'safe' account", True),
        ("gave uncle lim RM15k for his durian farm shares", True),
        ("did the tasks, got RM40 back then put RM3,000, now it's stuck", True),
        ("to cancel it i paid ₱3,000 in GCash like they said", True),
        ("hung up on the 'bank' and gave nothing", False),
        ("my brother sent it back by bank transfer today, all good", False),
        ("he asks me to register and put in $2,000, haven't yet", False),
        ("the seller has the tickets for $300, sent a screenshot of them", False),
        ("i sent my resume only, nothing else", False),
        ("快递因为违禁品被扣了，让我下载个app查看", False),
        ("朋友说帮他收款，要我把银行卡借给他用几天", False),
        ("妈妈没打电话核实就往那个卡号转了", True),
        ("客服说要买一个贷款保险1980，我买了", True),
        ("seller 说 pay 先，我用 PayNow 给他 SGD 250 了", True),
        ("跟着那个预测app买了几期，结果全输了", True),
        ("wo yi jing dian le san qian, ti bu chu lai", True),
        # The last round of the fourth session (fresh46-48): losses told by what was done or what
        # is left, in new wording.
        ("my aunt went along with it for three days", True),
        ("now her savings account is nearly empty", True),
        ("he went to the bank alone and did it at the counter", True),
        ("the 'VIP task' cost me 2 grand", True),
        ("40k left his account this morning", True),
        ("put it in the 'holding account'. it's done, 12000", True),
        ("I'm in for 35000 and can't withdraw", True),
        ("the deposit of 80k is stuck", True),
        ("Grab refunded me, all done in the app", False),
        ("RM5.60 deducted for the toll this morning", False),
        ("我爸在柜台办完了，三十万", True),
        ("网页上卡号、密码、验证码我都填了", True),
        ("按他说的把信用卡额度都刷了", True),
        ("快递员代收了1680，拆开是个模型", True),
        ("孩子用我手机付的，前后三千多", True),
        ("让她往那个卡里转五万，她转了", True),
        ("我还没办完，先问问", False),
        ("他转了两千给我当定金", False),
        # Losses told by what is left and who came for the money.
        ("照他说的在atm上按完，存折里只剩一千多块", True),
        ("剩两百多块了，原来卡里有八万", True),
        ("还剩三天就过期了", False),
        ("我取了五万现金，他说的同事上门来收走了", True),
        ("家长群里的收费码，我扫码交了", True),
        ("佢叫我入個網，我入埋卡號同有效期", True),
        ("we're out 12k and the site is gone", True),
        ("dad has been putting money into that gold app for months", True),
        ("qian bei zhuan zou le liang wan", True),
    ],
)
def test_near_misses_of_the_fourth_session(text: str, urgent: bool) -> None:

    assert already_handed_over(normalize(text)) is urgent, text


def test_a_relatives_own_voice_on_the_phone_is_a_check() -> None:
    assert ordinary_payment(normalize("孙子微信要钱，我打电话过去，是他本人的声音，就转了五百"))
    assert not ordinary_payment(normalize("孙子微信要钱，声音不太像他，我就转了五百"))
    # "To confirm it is you" is what a fake caller says; it is no check by the writer.
    assert not ordinary_payment(normalize("她说发个验证码确认是本人，我就报了"))


# Stage-model near misses that surfaced once these stories matched a category.
@pytest.mark.parametrize(
    "text",
    [
        "I nearly paid the 'activation fee' before my daughter stopped me",
        "they say my card gets blocked unless I send them the pin",
        "等他把钱打过来再说，我先问问我儿子",
        "给客服发了好几条消息都没人回，是不是骗子",
        "卖家要我先汇订金一千，汇了才给我留票",
        "网友说他的银行账户被冻结了，要我帮他付三千关税",
    ],
)
def test_stage_model_near_misses_of_the_fourth_session(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent, text


def test_a_condition_is_cut_off_where_the_deed_begins(matcher: Matcher) -> None:
    got = matcher.assess(
        "bank guy said my card will be blocked today unless i verify, so i gave him my card "
        "details and the otp"
    )
    assert got.urgent


@pytest.mark.parametrize(
    "text",
    [
        "在银行柜台买了一个定期理财，合同柜员都念给我听了",
        "在游戏里面的商城直接充了68买皮肤",
        "同事借了我20块午饭钱，下午就微信还我了",
        "the shop refunded me in the app, nobody called",
        "paid the parking fine on the city's app myself",
        "paid the school fee through the school's parent portal",
    ],
)
def test_ordinary_payments_of_the_later_fourth_session_sets(text: str) -> None:
    assert ordinary_payment(normalize(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "如果收到短信说我的医保卡要年审，点链接填信息，怎么分辨真假",
        "what should I do if someone calls saying my parcel has drugs in it",
        "请问要是接到说是公安的电话让我转钱到安全账户，应该怎么处理，只是问问",
    ],
)
def test_a_question_about_what_to_do_if_is_not_a_scam_in_progress(
    matcher: Matcher, text: str
) -> None:
    got = matcher.assess(text)
    assert got.category == "none" and not got.urgent, (text, got.category)


def test_a_prize_at_the_market_is_no_ordinary_purchase() -> None:
    assert ordinary_payment(normalize("在菜市场买菜付了20"))
    assert not ordinary_payment(normalize("菜市场有人拉我抽奖，说中了电视，我交了五百运费"))


def test_a_code_given_away_is_urgent_without_a_story(matcher: Matcher) -> None:
    assert matcher.assess("我刚把验证码告诉他了").urgent
    assert not matcher.assess("验证码不能告诉别人，我没说").urgent


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("最近老听说扫码被骗，我在国网app里交了电费", False),
        ("我转了，哈哈这个不算被骗吧", False),
        ("我转了，后来才发现被骗了", True),
        ("heard on the news about scams, i paid my gas bill at the post office", False),
    ],
)
def test_a_scam_only_heard_of_is_no_fraud_cue(text: str, cue: bool) -> None:
    assert has_fraud_cue(normalize(text)) is cue, text


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        ("卡里少了三百块，吓一跳，查了账单才看到是信用卡年费", True),
        ("got charged $12 out of nowhere, turns out it was my own subscription renewal", True),
        ("又被扣了二十，原来是音乐会员自动续费，我自己开的", True),
        ("卡里少了三百块，银行说是被人盗刷的", False),
        ("接到社保的电话我挂了，自己打了12333问，说确实要认证", True),
        ("在药店买药刷了医保卡，输了密码", True),
        ("在派出所户籍窗口补办身份证，交了20块工本费", True),
    ],
)
def test_mistaken_alarms_and_official_counters_are_ordinary(text: str, ordinary: bool) -> None:
    assert ordinary_payment(normalize(text)) is ordinary, text


# Fifth session: deeds and near misses from the misses of the sets read that session, round
# by round (each round's cases under its own comment).
@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # First round (fresh53-55): deeds told in Cantonese, without checking, after a demand
        # or as a consequence ("so i did"), and what is no deed of the writer's.
        ("个卖家叫我过数先，我过咗之后佢就唔覆", True),
        ("叫老豆过数五千，老豆已经过咗", True),
        ("阿妈收到条信息就直接转咗过去", True),
        ("他叫我直接转了就行", False),
        ("中介叫我先付押金，然后就联系不上了", True),
        ("they threatened to arrest me unless i paid a fine, so i paid it at the atm", True),
        ("the site asked for a deposit, 250 went, then they said my level was too low", True),
        ("now they want another 1,500 usdt before i can withdraw", True),
        ("he needs another day to think about it before he sends anything", False),
        ("caller said i was under investigation, i got scared so i just told him everything", True),
        ("我一害怕就都报给他了", True),
        ("我妈怕被骗，没转", False),
        ("这个算被骗了吗，我在超市买的酒是假的", False),
        ("half the class already paid the trip fee through that link, should we?", False),
        # Second round (fresh56-58): losses told by what is left, by totals, in Cantonese, in a
        # bare clause; and the owner's savings, which are no total paid.
        ("我外公的养老钱全没了，那个专家电话也停机了", True),
        ("婆婆半辈子的积蓄现在都在那个老师手里", True),
        ("我的工资都在那个平台里面，现在登不上", True),
        ("密码讲俾咗'客服'，点算", True),
        ("群里那个码我已经扫了，后来班主任说不是她发的", True),
        ("保证金补了两次，还说不够", True),
        ("昨天交完手续费，今天又要再交一笔解冻费", True),
        ("鞋一直没发货，卖家还把我拉黑了", True),
        ("之前付的那笔订金也要不回来了", True),
        ("阿爷入了三股，说每个月有分红", True),
        ("阿姨经已过咗数俾佢", True),
        ("我的钱都在工商银行里面，安全吗", False),
        ("老细叫我转十万去新账户，我转了", True),
        ("前前后后加起来差不多六万", True),
        ("我存款一共就二十万，他叫我全部转过去", False),
        ("一共要交两万才能放款", False),
        ("阿婆收到电话就偷偷去银行汇了", True),
        ("4,000 was withdrawn from my account twice overnight", True),
        ("grandpa's savings account is empty now", True),
        ("my statement shows two withdrawals I never made", True),
        ("the fake agent had my mum wire the money to a 'safe' account", True),
        ("that guy got 5k out of my brother before he stopped answering", True),
        # Third round (fresh56-58 again): Cantonese forms as normalised, and money come back.
        ("个'保安'话要睇实我啲钱，而家卡入面啲积蓄冇晒", True),
        ("我用payme俾咗订金，之后佢就唔见人", True),
        ("外套一直没寄来，那个卖家把我删了", True),
        ("佢打嚟话系银行，我喺电话度讲咗卡号同有效期", True),
        ("my bank caught it and reversed the transfer, it's back in my account", False),
        # Fourth round (fresh59, 60, 62): losses of older people told by what someone found
        # afterwards, and money the bank brought back.
        ("女儿帮我查了，退休金那张卡已经空了", True),
        ("打麻将那个app，我爸一年输进去十几万", True),
        ("存折明细上有四笔取款，他都说不记得", True),
        ("柜员说我卡里的钱昨天已经转走了", True),
        ("客服说我的钱已经转走了，要我再交保证金才能追回", False),
        ("佢叫我先交会员费，我交完之后佢又话要保险费", True),
        ("老妈炒股那个群，已经进去八万多了", True),
        ("我真是老糊涂了，一接电话就什么都跟他说了", True),
        ("my aunt's statement shows two transfers out she never made", True),
        ("the teller said the payment has already cleared to that account", True),
        ("the caller claims the payment has already cleared, so I owe nothing", False),
        ("$2,400 went out of my account overnight", True),
        ("I put 3k in last week and now the site won't load", True),
        ("you put 5k in and they promise 20% a month, my friend says", False),
        ("entered my card no and the cvv on that page", True),
        ("the bank recalled the transfer and the money came back today", False),
        ("钱已经被银行拦回来了", False),
        ("他说查完会退返", False),
        # Fifth round (fresh63-65): losses told without the usual verbs.
        ("叫阿爸讲埋验证码。佢讲咗，之后就收到扣款短信", True),
        ("叫我先过五千蚊手续费。我过咗，佢又话唔够", True),
        ("叫我打去卡背面嘅电话确认。我打咗，银行话系误报", False),
        ("要我先转一万保证金，我转了，现在又要交税", True),
        ("奶奶揣着现金去了那个保健品公司", True),
        ("说是律师的人下午上门拿走了二十万", True),
        ("现在那些网贷天天打电话催我还", True),
        ("他把积蓄都放晒落去，而家提唔到", True),
        ("我妈想把存款都投进去，让我们明天陪她去签合同", False),
        ("我表弟把银行卡借给了网上认识的人", True),
        ("有人问我要不要把不用的账户租给他们", False),
        ("qian yi jing zhuan guo qu le, ta hai yao", True),
        ("grandma fed $9,000 into a bitcoin machine at the mall", True),
        ("they put their life savings into that farm scheme", True),
        ("I moved $40,000 to the 'secure account' he gave me", True),
        ("RM30,000 now sits in an account under a company I never heard of", True),
        ("my uncle gave them the TAC when they called", True),
        ("my cousin let a stranger use his bank account for a fee", True),
        ("a guy offered me $300 to let him use my bank account", False),
        ("the 'refund code' was actually a transfer of $900 out of my account", True),
        # Sixth round (fresh66-68): English across Asia and the West with local ways to pay,
        # and older rural Chinese writers.
        ("my mum's Paytm history shows ₹12,000 to two numbers she doesn't know", True),
        ("the OCBC app shows a new payee and three transfers out", True),
        ("GCash receipt shows 8,000 sent to that 'agent'", True),
        ("loan app says my loan is approved but I need to pay a fee first, normal?", False),
        ("uncle did a GPay of ₹5,000 to the number in the message", True),
        ("accounts already processed it via DuitNow before the boss walked in", True),
        ("我FPS咗三千俾佢做手续费", True),
        ("she was reading out the codes on the back of the gift cards to him", True),
        ("they made him go to the bank and wire the money to a 'custody' account", True),
        ("my login and token went to him last week", True),
        ("clicked it and put card details in", True),
        ("我已经入咗数，佢仲要多三千", True),
        ("我在邮局会过去了，又说要交公证费", True),
        ("阮阿公拢照做，钱无去两万外", True),
        ("佢影咗张卡前后，发咗过去", True),
        ("叫我过数两万，我去银行过咗", True),
        ("yi jing gao su ta le, xian zai zen me ban", True),
    ],
)
def test_deeds_and_near_misses_of_the_fifth_session(text: str, urgent: bool) -> None:
    assert already_handed_over(normalize(text)) is urgent, text


@pytest.mark.parametrize(
    "text",
    [
        # Money promised or paid to the writer as bait, and an identity someone else used.
        "客服说货丢了要赔我三倍，叫我扫码进一个会议",
        "she says the shop will compensate me double and wants me on a video call",
        "刷了几个赞，领了两次十几块的佣金，现在叫我充值八百",
        "说我的身份证被人冒用开了卡，叫我下载个软件配合调查",
        # A window of a run-on demand keeps the demand that opened it.
        "那个人让我把信用卡和花呗里所有能刷的额度都刷出来打到他指定的那个账户去",
        "my son said the robux guy wanted the code but i stopped him before he typed it",
    ],
)
def test_stage_model_near_misses_of_the_fifth_session(matcher: Matcher, text: str) -> None:
    assert not matcher.assess(text).urgent, text


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        ("used my own brokerage app to buy an index fund, paid by card", True),
        ("the courier's note said to rebook online, so I typed their website in myself", True),
        ("she paid for lunch and I sent her my half", True),
        ("给我女儿转了五百，她说已经收到了", True),
        ("my niece came over for lunch and I gave her 100 for her birthday", True),
        ("bought a cake from the neighbour and got it the same afternoon", True),
        ("给我女儿转了五百，后来才知道是骗子用她头像", False),
    ],
)
def test_ordinary_payments_of_the_fifth_session(text: str, ordinary: bool) -> None:
    assert ordinary_payment(normalize(text)) is ordinary, text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("my friends keep warning me about dating scams, what are the signs", False),
        ("她以为是诈骗，其实是我转的生活费", False),
        ("卖家收了钱就封锁咗我", True),
        ("paid the deposit and now the seller is unreachable", True),
    ],
)
def test_warnings_and_questions_about_scams_are_no_fraud_cue(text: str, cue: bool) -> None:
    assert has_fraud_cue(normalize(text)) is cue, text


@pytest.mark.parametrize(
    ("text", "heard_of"),
    [
        ("邻居前几天被冒充客服的骗了，银行真的会打电话让人转钱吗", True),
        ("my coworker's uncle got one of those prize calls, is that always a scam?", True),
        ("看到有人讲以房养老的骗局，这种合同到底能不能签", True),
        # Someone asking the writer (or the one they speak for) is a story.
        ("朋友说这个平台稳赚，让我也投五万，靠谱吗", False),
        ("a friend told me her bank wants me to move my savings too, is that normal?", False),
        # ... and so is anything about the writer's own family.
        ("听说我妈那个保健品讲座要交会员费，这正常吗", False),
        # A question with nothing heard of is left to the other rules.
        ("怎么识别诈骗电话", False),
    ],
)
def test_a_scam_heard_of_with_a_question(text: str, heard_of: bool) -> None:
    from bot.core.matching import _heard_of

    assert _heard_of(normalize(text)) is heard_of, text


def test_a_scam_heard_of_asks_nothing_of_the_writer(matcher: Matcher) -> None:
    heard = matcher.assess("听同事说有人冒充网贷平台打电话要人注销学生贷，这种是不是骗人的")
    assert heard.risk != "high"
    assert matcher.assess("看到有人讲以房养老的骗局，这种合同到底能不能签").category == "none"
    asked = matcher.assess("有人冒充网贷平台打电话要我注销学生贷，这种是不是骗人的")
    assert asked.category == "fake_credit_repair" and asked.risk == "high"


def test_a_redelivery_to_the_writer_and_a_code_not_yet_given(matcher: Matcher) -> None:
    assert not matcher.assess("京东客服在app里给我重新发了一件，没收钱").urgent
    assert not matcher.assess(
        "my mum is on the phone with 'the bank' who want her pin, she hasn't given it yet"
    ).urgent


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        (
            "a 'friend' messaged from a new account, so I rang her usual number and it really was her",
            True,
        ),
        ("我打12366问了，确实要补税，不是骗子", True),
        ("I rang his old number and he never sent anything, I'd already paid", False),
        ("called her usual number and found out she'd never messaged me", False),
    ],
)
def test_checks_that_found_nothing_and_checks_that_found_a_scam(text: str, checked: bool) -> None:
    assert bool(checked_first(normalize(text))) is checked, text


def test_ordinary_shopping_on_the_platform_and_a_hypothetical_click(matcher: Matcher) -> None:
    assert ordinary_payment(normalize("在淘宝直播间买了两斤茶叶，平台里下的单，已经发货了"))
    got = matcher.assess("假如不小心点开了一个陌生链接但是什么都没输，会怎么样，就是想问问")
    assert got.category == "none"


def test_bait_paid_to_a_relative_and_a_gift_given_in_person(matcher: Matcher) -> None:
    assert not matcher.assess("那个兼职群已经给她发过几次小红包了，说明天带她做大单").urgent
    assert ordinary_payment(
        normalize("bought a gift card for my niece and gave it to her in person")
    )


def test_an_own_charge_and_a_new_number_told_face_to_face_are_ordinary() -> None:
    assert ordinary_payment(normalize("存折上少了八百，柜员一查是我自己前年办的保险扣费"))
    assert ordinary_payment(normalize("同事夹钱食饭，我FPS咗一百俾佢"))
    assert checked_first(normalize("女儿换了新号，是周末回家当面跟我说的，我还给她转了两百"))
