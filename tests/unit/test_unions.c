/*
 * test_unions — the unions an article names, with the real gazetteer: the
 * seven articles of the sample page (built by hand from its text) and the
 * general shapes of a union's name (province, city, district, town,
 * street, community; two-character counties), the national union, zones,
 * industries and companies, a bare 市总工会 named after the article's
 * place, Traditional characters, and what is no union (unions of a kind,
 * a trade's association, 各县(市、区)总工会, a title 《省总工会…》).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page/page.h"
#include "page/page_private.h"

#define MAX_UNIONS 6

static int setup(void **state)
{
	const char *dir = getenv("BULLETIN_DATA_DIR");
	struct page_context *ctx = NULL;
	char err[512];

	if (page_context_load(dir && *dir ? dir : "data", NULL, &ctx, err,
			      sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = ctx;
	return 0;
}

static int teardown(void **state)
{
	page_context_free(*state);
	return 0;
}

struct case_ {
	const char *kicker, *headline;
	const char *paragraphs[4];
	const char *unions[MAX_UNIONS]; /* in order, NULL-terminated */
};

static void check(const struct page_context *ctx, const struct case_ *c)
{
	struct article a;
	size_t n = 0;

	memset(&a, 0, sizeof a);
	a.kicker = c->kicker ? strdup(c->kicker) : NULL;
	a.headline = strdup(c->headline);
	for (size_t i = 0; i < 4 && c->paragraphs[i]; i++)
		assert_int_equal(text_list_add(&a.paragraphs, c->paragraphs[i],
					       (size_t)-1), 0);
	assert_int_equal(page_places(ctx, &a), 0);
	while (n < MAX_UNIONS && c->unions[n])
		n++;
	for (size_t i = 0; i < a.unions.count; i++)
		print_message("  found %s\n", a.unions.items[i]);
	assert_int_equal(a.unions.count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(a.unions.items[i], c->unions[i]);
	free(a.kicker);
	free(a.headline);
	free(a.city);
	free(a.county);
	text_list_free(&a.unions);
	text_list_free(&a.paragraphs);
}

static const struct case_ sample[] = {
	{"湛江市总工会", "保障宣传宣讲工作有力有序推进",
	 {"本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,湛江市总工会召开全市工会系统学习贯彻习近平总书记重要讲话精神和宣传中国工会十八大精神宣讲推进会。湛江市总工会党组书记、常务副主席陈端参加会议。",
	  "会议传达了《全市工会系统学习贯彻习近平总书记重要讲话精神和中国工会十八大精神宣传宣讲工作实施方案》文件精神,宣读了《湛江市总工会学习贯彻中国工会十八大精神倡议书》。",
	  "会议强调,全市各级工会要提高政治站位,深入学习贯彻习近平总书记同中华全国总工会新一届领导班子成员集体谈话时的重要讲话精神和中国工会十八大精神。"},
	 {"湛江市总工会"}},
	{"汕尾市总工会", "培训工会经审干部",
	 {"本报讯 日前,汕尾市总工会在汕尾市开放大学举办2023年全市工会经审干部业务培训班,强化工会经费审查审计监督职责。全市各县(市、区)总工会分管领导、经审主任,市直(含驻汕)基层工会经审会骨干共200多人参加培训。",
	  "培训班组织学员深入学习习近平总书记同中华全国总工会新一届领导班子成员集体谈话时的重要讲话精神和中国工会十八大精神。"},
	 {"汕尾市总工会"}},
	{NULL, "韶关工会开展“劳模工匠助企行”专项行动",
	 {"本报讯(全媒体记者徐亚辉 通讯员刘秀静)12月8日,韶关市总工会和武江区总工会联合开展“劳模工匠助企行”专项行动。",
	  "据悉,今年10月底韶关市总工会部署启动“劳模工匠助企行”专项行动,向各县(市、区)的“专精特新”企业和中小微企业开展走访调研。",
	  "武江区总工会围绕上级总工会要求,深入到各企业走访调研,积极组织基层工会职工积极参加本次“劳模工匠助企行”首站行动。",
	  "接下来,韶关工会将整合各方资源力量。"},
	 {"韶关市总工会", "武江区总工会"}},
	{"清远市阳山县总工会", "举办工会干部培训班",
	 {"本报讯 近日,清远市阳山县总工会在中共阳山县委党校举办阳山县2023年工会干部培训班。来自各乡镇总工会(工委)主席、经审委员、社会化工会工作者、县直机关工会主席、经审委员、企业工会主席共160余人参加了培训。",
	  "培训班上,中国工会十八大代表房玉红传达了中国工会十八大精神。解读了《广东省基层工会经费收支管理实施细则(施行)》等政策文件。"},
	 {"阳山县总工会"}},
	{NULL, "河源首批60个工会爱心驿站启用",
	 {"本报讯(全媒体记者彭新启 通讯员钟洋 陈琳)近年来,河源市总工会为营造温馨舒适的户外工作者临时休息环境。",
	  "第一批工会爱心驿站结合户外劳动者实际需求。建设单位、所在社区共同做好驿站日常管理工作。",
	  "据介绍,工会爱心驿站服务阵地还不断延伸服务触角,还联合滴滴公司、河源市源城区快递行业工会联合会等行业部门为新业态劳动者开展送健康体检。"},
	 {"河源市总工会"}},
	{NULL, "江门鹤山市总参赛项目获省市直机关工作创新大赛二等奖",
	 {"本报讯(全媒体记者许接英 通讯员郑凤琼)11月28日至30日,第十一届广东省直机关“先锋杯”工作创新大赛决赛在广州举办,江门鹤山市总工会参赛项目荣获大赛二等奖。",
	  "在决赛中,由领队储盼盼,参赛选手李镜泰、黄嘉敏、卢佩欣、郑凤琼组成的江门鹤山市总工会代表队携项目参赛,取得此次工会代表队参赛最好名次。",
	  "据悉,今年以来,鹤山市总工会以创新探索党工深度共建为突破口。"},
	 {"鹤山市总工会"}},
	{"深圳市龙岗区宝龙社区工联会", "表彰工会先锋骨干",
	 {"本报讯 12月6日至7日,深圳市龙岗区宝龙社区工联会组织宝龙工会先锋队开展两天一夜的“宝龙先锋凝聚力,筑梦宝龙展风采”改革结项暨工会先锋表彰拓展活动。",
	  "据了解,2023年,宝龙社区工联会开展“打造宝龙工会先锋红,一路三圈多支点”创新项目,加强宝龙工会先锋队队伍建设。"},
	 {"宝龙社区工联会"}},
};

static void test_sample(void **state)
{
	for (size_t i = 0; i < sizeof sample / sizeof *sample; i++) {
		print_message("article %zu\n", i + 1);
		check(*state, &sample[i]);
	}
}

static const struct case_ general[] = {
	{NULL, "广州市白云区总工会开展送清凉", {NULL}, {"白云区总工会"}},
	{"佛山市南海区狮山镇总工会", "开展慰问", {NULL}, {"狮山镇总工会"}},
	{NULL, "东莞市总工会开展普法宣传", {NULL}, {"东莞市总工会"}},
	{NULL, "珠海市香洲区拱北街道总工会开展活动", {NULL},
	 {"拱北街道总工会"}},
	{NULL, "北京市总工会与江苏省总工会签约", {NULL},
	 {"北京市总工会", "江苏省总工会"}},
	{NULL, "广东省总工会召开全委会", {NULL}, {"广东省总工会"}},
	{NULL, "中山市总工会举办篮球赛", {NULL}, {"中山市总工会"}},
	/* the other suffixes, longest first */
	{NULL, "龙岗区工会联合会成立", {NULL}, {"龙岗区工会联合会"}},
	{NULL, "宝安区工联会开展活动", {NULL}, {"宝安区工联会"}},
	{NULL, "清新区工委召开会议", {NULL}, {"清新区工委"}},
	{NULL, "湛江市工会举办培训", {NULL}, {"湛江市工会"}},
	/* a community after a punctuation mark or a function word */
	{NULL, "日前,狮山镇总工会举办活动", {"近日,由大沥镇总工会主办的活动开幕。"},
	 {"狮山镇总工会", "大沥镇总工会"}},
	{NULL, "南坑村工会成立", {NULL}, {"南坑村工会"}},
	/* a short city name in front belongs to the city; 工会 written for
	 * the 总工会 of the same place is that union */
	{NULL, "东莞塘厦镇工会为农民工发放返乡“暖心包”",
	 {"12月30日,东莞市塘厦镇总工会开展“情暖返乡路”系列活动。"},
	 {"塘厦镇总工会"}},
	{NULL, "湛江市工会举办培训", {"湛江市总工会副主席出席。"},
	 {"湛江市总工会"}},
	/* several short forms, one merged away before the others are read */
	{NULL, "塘厦镇工会与凤岗镇工会和清溪镇工会联办",
	 {"塘厦镇总工会、清溪镇总工会和凤岗镇工会主办。"},
	 {"凤岗镇工会", "塘厦镇总工会", "清溪镇总工会"}},
	/* two-character counties only at a boundary */
	{NULL, "安阳市滑县总工会举办培训", {"本报讯 日前,滑县总工会举办培训。"},
	 {"滑县总工会"}},
	/* deduplicated, in order of first appearance */
	{"韶关市总工会", "武江区总工会举办培训",
	 {"韶关市总工会和武江区总工会、浈江区总工会联合开展活动。"},
	 {"韶关市总工会", "武江区总工会", "浈江区总工会"}},
	/* the national union where the article is its story; unions of a
	 * kind are none */
	{NULL, "中华全国总工会召开会议",
	 {"中国工会十八大精神。基层工会、企业工会、县直机关工会、上级总工会。",
	  "来自各乡镇总工会(工委)主席、各镇总工会、该社区工会、农村工会参加。",
	  "快递行业工会联合会、乡村振兴工会、宝龙工会先锋队。"},
	 {"中华全国总工会"}},
	{NULL, "全国总工会发布职工服务清单", {NULL}, {"全国总工会"}},
	/* ... not where a later paragraph mentions it */
	{"茂名市总工会", "召开学习会",
	 {"本报讯 日前,茂名市总工会召开学习会。",
	  "会议学习了中华全国总工会有关文件精神。"},
	 {"茂名市总工会"}},
	/* a province's union, named or bare in a story of its province */
	{NULL, "河北省总工会开展送温暖", {NULL}, {"河北省总工会"}},
	{NULL, "省总工会为快递员写春联",
	 {"本报讯 2月1日,省总工会组织书法家走进湖南一家物流企业。"},
	 {"湖南省总工会"}},
	{NULL, "省总工会慰问一线职工",
	 {"本报讯 近日,省总工会到韶关市慰问一线职工。"},
	 {"广东省总工会"}},
	/* bare 市总工会, 区总工会, 县总工会 are the article's own place's */
	{NULL, "重庆九龙坡区评选技能标兵",
	 {"本报讯 近日,区总工会评选出十名技能标兵。"}, {"九龙坡区总工会"}},
	{NULL, "市总工会启动送清凉", {"本报讯 21日,活动在梅州市举行。"},
	 {"梅州市总工会"}},
	{NULL, "县总工会:雪中送温暖", {"本报讯 近日,阳山县职工……"},
	 {"阳山县总工会"}},
	{NULL, "市总为环卫工人送上暖心包",
	 {"本报讯 1月30日,北京市总工会慰问环卫工人。"}, {"北京市总工会"}},
	/* a county-level city's 市总工会 is that city's */
	{NULL, "市总工会开展送温暖", {"本报讯 近日,鹤山市总工会……"},
	 {"鹤山市总工会"}},
	/* with no place given, a bare name names nothing; many are none */
	{NULL, "市总工会开展送温暖", {"本报讯 近日,工会开展活动。"}, {NULL}},
	{"湛江市总工会", "开展培训",
	 {"本报讯 日前,全市各县(市、区)总工会和各区总工会参加培训。"},
	 {"湛江市总工会"}},
	/* a 省总工会 in a document's title is no union */
	{NULL, "利辛县总工会走访劳模",
	 {"本报讯 近日,县总工会根据《省总工会关于做好走访工作的通知》要求走访劳模。"},
	 {"利辛县总工会"}},
	/* a development zone's union as written */
	{NULL, "经开区职工健走", {"本报讯 上周,经开区总工会组织职工健走。"},
	 {"经开区总工会"}},
	/* industry unions: a place, 市 or 中国 before an industry word */
	{NULL, "南京邮政工会开展读书活动", {NULL}, {"南京邮政工会"}},
	{NULL, "海员工会慰问船员",
	 {"本报讯 近日,中国海员建设工会和市建设工会慰问船员。"},
	 {"海员工会", "中国海员建设工会", "市建设工会"}},
	/* a company's union in a city */
	{NULL, "骑手在驿站过大年", {"本报讯 2月9日,美团武汉工会为骑手送年夜饭。"},
	 {"美团武汉工会"}},
	/* Traditional suffixes, matched through the fold; 工聯會 alone */
	{NULL, "深圳市總工會舉辦培訓", {"本報訊 昨日,工聯會發起遊行。"},
	 {"深圳市總工會", "工聯會"}},
	/* a district's short name before 总工会, at a boundary */
	{NULL, "海淀区总工会开展慰问",
	 {"本报讯 近日,在海淀区总工会、门头沟总工会指导下,剧团开展演出。"},
	 {"海淀区总工会", "门头沟总工会"}},
	/* a bare 区总工会 after an item of a list longer than a level's name;
	 * after 省、市、 it is one of many */
	{NULL, "重庆九龙坡区表彰先进",
	 {"本报讯 近日,区竞赛领导小组、区总工会共同表彰先进。"},
	 {"九龙坡区总工会"}},
	{"湛江市总工会", "开展培训",
	 {"本报讯 日前,省、市、区总工会干部参加培训。"}, {"湛江市总工会"}},
	/* an organisation: a place (in the gazetteer or not) and its
	 * members' trade, or a company's full name */
	{NULL, "工会评鉴启动",
	 {"本报讯 日前,劳工局邀请台南市美发职业工会理事长,以及大成电子股份有限公司工会理事长分享经验。"},
	 {"台南市美发职业工会", "大成电子股份有限公司工会"}},
	{NULL, "饮食业总工会接获求助",
	 {"香港饮食业总工会表示,近日收到多宗求助。"},
	 {"香港饮食业总工会"}},
	{NULL, "保安员促加薪", {"香港保安管理职工会昨日举行记者会。"},
	 {"香港保安管理职工会"}},
	{NULL, "工会联合会举办嘉年华", {"香港工会联合会昨日举办嘉年华。"},
	 {"香港工会联合会"}},
	/* ... but a meeting, a union of a kind, a company's station after
	 * its city and a headline's short form are none */
	{NULL, "召开职工会议", {"本报讯 近日,深圳市召开职工会议。"}, {NULL}},
	{NULL, "深圳市企业工会培训", {NULL}, {NULL}},
	{NULL, "驿站开放",
	 {"本报讯 在福州市青松快递有限公司工会驿站里,骑手吃上元宵。"},
	 {NULL}},
	{NULL, "韶关工会开展活动", {NULL}, {NULL}},
	/* a community's union grouping the shops of a 商圈 */
	{NULL, "社区慰问外卖小哥",
	 {"本报讯 近日,在青松社区商圈工会的组织下,驿站开展活动。"},
	 {"青松社区商圈工会"}},
	/* a company's union after a function word */
	{NULL, "骑手过大年", {"本报讯 日前,由顺丰广州工会主办的年夜饭开席。"},
	 {"顺丰广州工会"}},
	/* a town by its stem after its county; a district with no name of
	 * its own after its city; an industry after a city's full name */
	{NULL, "工会联合会举办讲座",
	 {"本报讯 近日,梅州市梅江区长沙工会联合会举办讲座。"},
	 {"长沙工会联合会"}},
	{NULL, "联谊活动举行", {"本报讯 近日,汕尾市城区总工会举办联谊活动。"},
	 {"城区总工会"}},
	{NULL, "职工运动会举行",
	 {"本报讯 近日,固原市能源化工工会举办运动会。"},
	 {"固原市能源化工工会"}},
	/* a bare 区总工会 in a story of a district named by its short name */
	{NULL, "工会送礼过年",
	 {"本报讯 近日,区总工会为留在椒江过年的职工送去年货。"},
	 {"椒江区总工会"}},
};

static void test_general(void **state)
{
	for (size_t i = 0; i < sizeof general / sizeof *general; i++) {
		print_message("case %zu: %s\n", i + 1, general[i].headline);
		check(*state, &general[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_general),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
