/** English and Chinese function words left out of keyword queries (they are still indexed). */
export const stopWords: ReadonlySet<string> = new Set(
  `a an the and or but if of at by for with about against between into through during before after above below to from up down in out
on off over under again further then once here there when where why how all any both each few more most other some such no nor not
only own same so than too very s t can will just don should now i me my myself we our ours ourselves you your yours yourself
yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing would could ought i'm you're he's she's it's
we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't
wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't let's
that's who's what's here's there's when's where's why's how's also as get got yes yeah oh ok okay hey hi hello really thanks
的 了 是 在 我 你 他 她 它 们 我们 你们 他们 她们 这 那 这个 那个 就 都 也 和 与 及 吗 呢 吧 啊 呀 哦 嗯 有 没 不 很 还 又 把 被 让 给 对 说 要 会 能 可以 什么 怎么 为什么 哪 哪里 谁 吗`
    .split(/\s+/)
    .filter((word) => word !== ""),
);
