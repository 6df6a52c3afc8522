/*
 * test_places — an article's city and county from the real gazetteer
 * (data/admin-divisions/): the seven articles of the sample page, built by
 * hand from its text, then names that several places share, short names,
 * municipalities and counties directly under a province; then what is no
 * place: a short name inside or across a word, a name that is a common
 * word, a road's or a company's name, a trip; renamed divisions; a city
 * union's story that names districts only in its body.
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

static const char *data_dir(void)
{
	const char *d = getenv("BULLETIN_DATA_DIR");

	return d && *d ? d : "data";
}

static int setup(void **state)
{
	struct page_context *ctx = NULL;
	char err[512];

	if (page_context_load(data_dir(), NULL, &ctx, err, sizeof err) < 0) {
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
	const char *kicker, *lead_in, *headline;
	const char *paragraphs[4];
	const char *city, *county;
};

static void build(struct article *a, const struct case_ *c)
{
	memset(a, 0, sizeof *a);
	a->kicker = c->kicker ? strdup(c->kicker) : NULL;
	a->lead_in = c->lead_in ? strdup(c->lead_in) : NULL;
	a->headline = strdup(c->headline ? c->headline : "");
	for (size_t i = 0; i < 4 && c->paragraphs[i]; i++)
		assert_int_equal(text_list_add(&a->paragraphs, c->paragraphs[i],
					       (size_t)-1), 0);
}

static void clear(struct article *a)
{
	free(a->kicker);
	free(a->lead_in);
	free(a->headline);
	free(a->city);
	free(a->county);
	text_list_free(&a->unions);
	text_list_free(&a->paragraphs);
	text_list_free(&a->topics);
}

static void check(const struct page_context *ctx, const struct case_ *c)
{
	struct article a;

	build(&a, c);
	assert_int_equal(page_places(ctx, &a), 0);
	if (c->city)
		assert_non_null(a.city);
	if (c->city)
		assert_string_equal(a.city, c->city);
	else
		assert_null(a.city);
	if (c->county) {
		assert_non_null(a.county);
		assert_string_equal(a.county, c->county);
	} else {
		assert_null(a.county);
	}
	clear(&a);
}

/* The sample page (000_158881c878a543ee.txt), paragraphs mended. */
static const struct case_ sample[] = {
	{"湛江市总工会", NULL, "保障宣传宣讲工作有力有序推进",
	 {"本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,湛江市总工会召开全市工会系统学习贯彻习近平总书记重要讲话精神和宣传中国工会十八大精神宣讲推进会。湛江市总工会党组书记、常务副主席陈端参加会议。",
	  "会议强调,全市各级工会要提高政治站位,深入学习贯彻习近平总书记同中华全国总工会新一届领导班子成员集体谈话时的重要讲话精神和中国工会十八大精神。",
	  "会议要求,全市各级工会要加强组织领导,坚持上下联动、线上线下联合,组建宣讲团,开展大宣讲,为湛江跨越式、高质量发展贡献工会力量。"},
	 "湛江", NULL},
	{"汕尾市总工会", NULL, "培训工会经审干部",
	 {"本报讯 日前,汕尾市总工会在汕尾市开放大学举办2023年全市工会经审干部业务培训班,强化工会经费审查审计监督职责,进一步加强工会经费的监督管理,提高工会经审干部的履职能力和水平。全市各县(市、区)总工会分管领导、经审主任,市直(含驻汕)基层工会经审会骨干共200多人参加培训。"},
	 "汕尾", NULL},
	{NULL, NULL, "韶关工会开展“劳模工匠助企行”专项行动",
	 {"本报讯(全媒体记者徐亚辉 通讯员刘秀静)12月8日,韶关市总工会和武江区总工会联合开展“劳模工匠助企行”专项行动。武江区甘棠工业园“专精特新”企业天原施莱特化工有限公司和莱雅新化工有限公司约50名职工代表参加活动。",
	  "此次活动由韶关市劳模工匠技术服务队成员陈科、李加萍2位劳模工匠为现场的职工代表们进行宣讲交流和授课。",
	  "接下来,韶关工会将整合各方资源力量,组织开展劳模工匠技术服务团队入企业进行技术交流、技术帮扶、技术培训等活动,为企业提供精准技术“上门”服务。"},
	 "韶关", "武江区"},
	{"清远市阳山县总工会", NULL, "举办工会干部培训班",
	 {"本报讯 近日,清远市阳山县总工会在中共阳山县委党校举办阳山县2023年工会干部培训班。来自各乡镇总工会(工委)主席、经审委员、社会化工会工作者、县直机关工会主席、经审委员、企业工会主席共160余人参加了培训。",
	  "培训班上,中国工会十八大代表房玉红传达了中国工会十八大精神。培训班围绕如何加强工会经费管理和监督进行讲解,解读了《广东省基层工会经费收支管理实施细则(施行)》等政策文件。"},
	 "清远", "阳山县"},
	{NULL, NULL, "河源首批60个工会爱心驿站启用",
	 {"本报讯(全媒体记者彭新启 通讯员钟洋 陈琳)近年来,河源市总工会为营造温馨舒适的户外工作者临时休息环境,突出“建”“管”“用”全流程管理,整合部门、行业资源扎实推进户外劳动者服务站点建设。目前,全市共建第一批工会爱心驿站60个,让广大户外劳动者“渴了能喝水、热了能乘凉、冷了能取暖、累了能休息、伤了能急救”。",
	  "第一批工会爱心驿站结合户外劳动者实际需求,选址精准、布局合理、方便就近、功能完善。建设单位、所在社区共同做好驿站日常管理工作,确保站点正常通水通电。",
	  "据介绍,工会爱心驿站服务阵地还不断延伸服务触角,除了配置“升级版”的驿站之外,还联合滴滴公司、河源市源城区快递行业工会联合会等行业部门为新业态劳动者开展送健康体检、夏送清凉、冬送温暖等关爱活动。"},
	 "河源", NULL},
	{NULL, NULL, "江门鹤山市总参赛项目获省市直机关工作创新大赛二等奖",
	 {"本报讯(全媒体记者许接英 通讯员郑凤琼)11月28日至30日,第十一届广东省直机关“先锋杯”工作创新大赛决赛在广州举办,江门鹤山市总工会参赛项目《创新党工深度共建,破解县域新业态党建“四大难题”》荣获大赛二等奖。",
	  "本次大赛共有4000多个参赛作品经过初赛、复赛的层层筛选,合计共125个项目进入全省决赛。其中包括来自广州、佛山、茂名、江门的4个工会系统项目。",
	  "据悉,今年以来,鹤山市总工会以创新探索党工深度共建为突破口,将新业态群体紧紧团结在党旗下,荣获全国突出组织、省先进集体、省创新案例。"},
	 "江门", "鹤山市"},
	{"深圳市龙岗区宝龙社区工联会", NULL, "表彰工会先锋骨干",
	 {"本报讯 12月6日至7日,深圳市龙岗区宝龙社区工联会组织宝龙工会先锋队开展两天一夜的“宝龙先锋凝聚力,筑梦宝龙展风采”改革结项暨工会先锋表彰拓展活动。",
	  "据了解,2023年,宝龙社区工联会开展“打造宝龙工会先锋红,一路三圈多支点”创新项目,加强宝龙工会先锋队队伍建设。"},
	 "深圳", "龙岗区"},
};

static void test_sample(void **state)
{
	for (size_t i = 0; i < sizeof sample / sizeof *sample; i++) {
		print_message("article %zu\n", i + 1);
		check(*state, &sample[i]);
	}
}

/* Names several places share, short names, and the order of evidence. */
static const struct case_ general[] = {
	/* 鹤山: Guangdong's 鹤山市 (江门), not 鹤壁's 鹤山区 */
	{NULL, NULL, "鹤山工会举办职工运动会", {"本报讯 日前,工会举办运动会。"},
	 "江门", "鹤山市"},
	{NULL, NULL, "鹤山市总工会慰问环卫工人", {NULL}, "江门", "鹤山市"},
	{NULL, NULL, "鹤山区工会开展慰问", {NULL}, "鹤壁", "鹤山区"},
	/* 白云区, 南山区, 龙华区: Guangdong first */
	{"白云区总工会", NULL, "开展送清凉", {NULL}, "广州", "白云区"},
	{NULL, NULL, "南山区开展职工技能竞赛", {NULL}, "深圳", "南山区"},
	{NULL, NULL, "龙华区总工会举办培训", {NULL}, "深圳", "龙华区"},
	/* ... unless the city already found says otherwise */
	{"贵阳市白云区总工会", NULL, "开展送清凉", {NULL}, "贵阳", "白云区"},
	{NULL, NULL, "海口龙华区工会开展活动", {NULL}, "海口", "龙华区"},
	/* 中山 is Guangdong's city; 中山大学 is not a place */
	{"中山市总工会", NULL, "举办职工篮球赛", {NULL}, "中山", NULL},
	{NULL, NULL, "中山工会为职工送温暖", {NULL}, "中山", NULL},
	{NULL, NULL, "中山大学举办职工运动会", {NULL}, NULL, NULL},
	{NULL, NULL, "东莞市总工会开展普法宣传", {NULL}, "东莞", NULL},
	/* a county implies its city; a town or street is no county */
	{"佛山市南海区狮山镇总工会", NULL, "开展慰问", {NULL}, "佛山", "南海区"},
	{NULL, NULL, "拱北街道总工会开展活动",
	 {"本报讯 日前,珠海市香洲区拱北街道总工会开展活动。"}, "珠海", "香洲区"},
	{NULL, NULL, "龙岗区举办技能大赛", {NULL}, "深圳", "龙岗区"},
	/* municipalities: the city is the municipality */
	{"北京市总工会", NULL, "开展职工服务", {NULL}, "北京", NULL},
	{NULL, NULL, "上海工会推进新业态建会", {NULL}, "上海", NULL},
	{NULL, NULL, "朝阳区总工会开展慰问",
	 {"本报讯 日前,北京市朝阳区总工会开展慰问。"}, "北京", "朝阳区"},
	{NULL, NULL, "重庆市城口县总工会举办培训", {NULL}, "重庆", "城口县"},
	/* a county directly under its province is a city of its own */
	{NULL, NULL, "仙桃市总工会举办培训", {NULL}, "仙桃", NULL},
	/* autonomous prefectures by their short names */
	{NULL, NULL, "延边工会开展送温暖", {NULL}, "延边", NULL},
	{"延边朝鲜族自治州总工会", NULL, "开展送温暖", {NULL}, "延边", NULL},
	/* a province's name gives no city; the first paragraph may */
	{"广东省总工会", NULL, "召开全省工会工作会议",
	 {"本报讯 日前,广东省总工会在广州市召开会议。"}, "广州", NULL},
	/* short city names count only in the kicker and headline */
	{NULL, NULL, "工会开展送清凉", {"本报讯 日前,江门工会开展送清凉活动。"},
	 NULL, NULL},
	/* the kicker comes before the headline; the first city found wins */
	{"江门市总工会", NULL, "广州工会代表团到江门交流", {NULL}, "江门", NULL},
	/* a county in another city than the one found does not count */
	{"韶关市总工会", NULL, "龙岗区工会到韶关交流", {NULL}, "韶关", NULL},
	/* a lead-in counts like the headline */
	{NULL, "清远工会", "举办工会干部培训班",
	 {"本报讯 近日,阳山县总工会举办培训班。"}, "清远", "阳山县"},
	/* nothing to go by */
	{NULL, NULL, "中华全国总工会召开会议", {"本报讯 近日,中国工会召开会议。"},
	 NULL, NULL},
};

/* What is no place, and what decides between places. */
static const struct case_ context[] = {
	/* a short name inside a longer word */
	{NULL, NULL, "庆祝中华人民共和国成立75周年招待会举行", {NULL}, NULL,
	 NULL},
	{NULL, NULL, "深中通道建成通车 珠江口再添通途", {NULL}, NULL, NULL},
	{NULL, NULL, "各地职工庆元旦迎新春", {NULL}, NULL, NULL},
	{NULL, NULL, "黑龙江工会开展冰雪运动", {NULL}, NULL, NULL},
	{NULL, NULL, "纪念孙中山诞辰座谈会召开", {NULL}, NULL, NULL},
	{NULL, NULL, "二十大新闻中心启用", {NULL}, NULL, NULL},
	{NULL, NULL, "习近平同德国总理通电话", {NULL}, NULL, NULL},
	/* across a province's name or into a full name */
	{NULL, NULL, "河南安阳市工会开展慰问", {NULL}, "安阳", NULL},
	{NULL, NULL, "湖南江西两省工会签约", {NULL}, NULL, NULL},
	/* names that are common words */
	{NULL, NULL, "双方深化合作 共建工会驿站", {NULL}, NULL, NULL},
	{NULL, NULL, "中方愿同各方加强职工交流", {NULL}, NULL, NULL},
	{NULL, NULL, "南部地区迎来降雨", {NULL}, NULL, NULL},
	{NULL, NULL, "东海渔民开渔", {NULL}, NULL, NULL},
	{NULL, NULL, "扎实推进共同富裕", {NULL}, NULL, NULL},
	/* ... while the full name still counts, and so does a city's short
	 * name beside a word's edge */
	{NULL, NULL, "合作市总工会举办培训", {NULL}, "甘南", "合作市"},
	{NULL, NULL, "南部县总工会开展慰问", {NULL}, "南充", "南部县"},
	{NULL, NULL, "红河州工会新春送关怀", {NULL}, "红河", NULL},
	{NULL, NULL, "浙江湖州工会开展活动", {NULL}, "湖州", NULL},
	{NULL, NULL, "推进深圳工会改革", {NULL}, "深圳", NULL},
	/* roads, bridges, parks, companies and hospitals */
	{NULL, NULL, "工会在中山路设立驿站", {NULL}, NULL, NULL},
	{NULL, NULL, "港珠澳大桥建设者获慰问", {NULL}, NULL, NULL},
	{NULL, NULL, "工会走进九龙厨具有限公司", {NULL}, NULL, NULL},
	{NULL, NULL, "工会慰问龙城医院医护人员", {NULL}, NULL, NULL},
	{"深圳市龙岗区总工会", NULL, "工会慰问龙城医院医护人员", {NULL},
	 "深圳", "龙岗区"},
	/* a trip does not move the union that made it */
	{NULL, NULL, "赴韶关慰问 江门市总工会送温暖", {NULL}, "江门", NULL},
	{NULL, NULL, "赴阳山县开展帮扶",
	 {"本报讯 近日,鹤山市总工会赴阳山县开展帮扶。"}, "江门", "鹤山市"},
	/* ... where no union reports, the trip is the story */
	{NULL, NULL, "春节前夕赴天津看望慰问基层干部群众", {NULL}, "天津", NULL},
	/* a full name before a hospital is where it is */
	{NULL, NULL, "阳山县人民医院工会开展义诊", {NULL}, "清远", "阳山县"},
	/* words across both edges of a city's name */
	{NULL, NULL, "画好最大同心圆", {NULL}, NULL, NULL},
	{NULL, NULL, "确保群众出行平安顺利", {NULL}, NULL, NULL},
	{NULL, NULL, "海淀区总工会赴门头沟区结对慰问", {NULL}, "北京",
	 "海淀区"},
	/* shared district names: decided by the city named beside them */
	{NULL, NULL, "普陀区总工会开展一日站长活动",
	 {"本报讯 近日,舟山市普陀区总工会开展活动。"}, "舟山", "普陀区"},
	{NULL, NULL, "普陀区总工会开展一日站长活动",
	 {"本报讯 近日,区总工会在沈家门开展活动,舟山市总工会参加。"}, "舟山",
	 "普陀区"},
	{NULL, NULL, "市中区总工会举办培训",
	 {"本报讯 近日,济南市市中区总工会举办培训。"}, "济南", "市中区"},
	{NULL, NULL, "市中区总工会举办培训",
	 {"本报讯 近日,乐山市市中区总工会举办培训。"}, "乐山", "市中区"},
	{NULL, NULL, "龙华区工会开展慰问", {NULL}, "深圳", "龙华区"},
	{NULL, NULL, "龙华区工会开展慰问",
	 {"本报讯 近日,海口市龙华区总工会开展慰问。"}, "海口", "龙华区"},
	/* renamed divisions: a county-level city now a district */
	{NULL, NULL, "临安市工会与工人同吃同住", {NULL}, "杭州", "临安区"},
	{NULL, NULL, "临安市总工会组织疗休养", {NULL}, "杭州", "临安区"},
	{NULL, NULL, "和平市场开业", {NULL}, NULL, NULL},
	/* a city union's story naming districts only in its body */
	{NULL, NULL, "市总工会启动送清凉",
	 {"本报讯 21日,桂林市总工会在秀峰区启动送清凉活动。"}, "桂林", NULL},
	{"广州市总工会", NULL, "工会携手媒体共庆记者节",
	 {"本报讯 活动在天河区和越秀区举行。"}, "广州", NULL},
	/* several counties: none */
	{NULL, NULL, "南京职工文化活动走进基层",
	 {"本报讯 近期,玄武区总工会和建邺区总工会分别举办演出。"}, "南京",
	 NULL},
	/* a provincial union's visit: the county unions visited later do not
	 * make the story theirs */
	{NULL, NULL, "四川省总工会赴广元开展送清凉",
	 {"本报讯 8月10日,四川省总工会赴广元市开展送清凉活动。",
	  "慰问组来到苍溪县总工会驿站。"},
	 "广元", NULL},
	/* ... while a county union in the lead does */
	{NULL, NULL, "韶关工会开展助企行",
	 {"本报讯 12月8日,韶关市总工会和武江区总工会联合开展活动。"}, "韶关",
	 "武江区"},
	/* the union that reports outranks a place in the headline's words */
	{NULL, NULL, "杭州亚运会火炬传递在即",
	 {"本报讯 近日,湛江市总工会举办职工运动会。"}, "湛江", NULL},
	{NULL, NULL, "沙河社区工联会举办联谊",
	 {"本报讯 近日,深圳市南山区沙河社区工联会举办联谊活动。"}, "深圳",
	 "南山区"},
	/* a roundup of several cities with no union reporting: no city */
	{NULL, NULL, "工会驿站里过元宵",
	 {"本报讯 元宵节当天,福建一些工会驿站不打烊。",
	  "在福州市一家快递公司的驿站里,骑手吃上元宵。",
	  "莆田市总工会在全市驿站举行游园活动。"},
	 NULL, NULL},
	/* a local union's district named by its short name */
	{NULL, NULL, "青松街道总工会为职工之家授牌",
	 {"本报讯 近日,青松街道总工会授牌。", "街道将为建设房山贡献力量。"},
	 "北京", "房山区"},
	{NULL, NULL, "工会送礼过年",
	 {"本报讯 近日,区总工会为留在椒江过年的职工送去年货。"}, "台州",
	 "椒江区"},
	{NULL, NULL, "工会送礼过年",
	 {"本报讯 近日,区总工会走进城区企业,为留在椒江过年的职工送去年货。"},
	 "台州", "椒江区"},
	{NULL, NULL, "工会送礼过年",
	 {"本报讯 近日,区总工会为留在椒江和房山过年的职工送去年货。"}, NULL,
	 NULL},
	/* ... and nowhere else */
	{NULL, NULL, "房山迎来旅游旺季", {NULL}, NULL, NULL},
	{NULL, NULL, "江南水乡迎客来",
	 {"本报讯 近日,青松街道总工会组织职工游览江南古镇。"}, NULL, NULL},
	/* a two-character county right after its city's full name */
	{NULL, NULL, "爱心驿站暖人心",
	 {"近日,配送员在湖南省永州市道县一处驿站休息。"}, "永州", "道县"},
	/* a town decides between districts of one name, and a union named
	 * after the only town of its name places the story */
	{NULL, NULL, "海州区总工会举办体验周",
	 {"本报讯 近日,海州区总工会在新坝镇开放驿站。"}, "连云港", "海州区"},
	{NULL, NULL, "社区慰问外卖小哥",
	 {"本报讯 近日,在大碶街道总工会指导下,驿站开展活动。"}, "宁波",
	 "北仑区"},
	/* Taiwan's places are none of the mainland's; 工联会 is Hong Kong's */
	{NULL, NULL, "新北市外送员职业工会成立", {NULL}, NULL, NULL},
	{NULL, NULL, "香港饮食业总工会接获求助", {NULL}, "香港", NULL},
	{NULL, NULL, "增建公屋大游行", {"本报讯 工联会昨日举行游行。"}, "香港",
	 NULL},
};

static void test_context(void **state)
{
	for (size_t i = 0; i < sizeof context / sizeof *context; i++) {
		print_message("case %zu: %s\n", i + 1, context[i].headline);
		check(*state, &context[i]);
	}
}

static void test_general(void **state)
{
	for (size_t i = 0; i < sizeof general / sizeof *general; i++) {
		print_message("case %zu: %s\n", i + 1, general[i].headline);
		check(*state, &general[i]);
	}
}

/* Calling page_places twice gives the same reading, nothing leaks. */
static void test_twice(void **state)
{
	struct article a;

	build(&a, &sample[2]);
	assert_int_equal(page_places(*state, &a), 0);
	assert_int_equal(page_places(*state, &a), 0);
	assert_string_equal(a.city, "韶关");
	assert_string_equal(a.county, "武江区");
	assert_int_equal(a.unions.count, 2);
	clear(&a);
}

static void test_missing_data(void **state)
{
	struct page_context *ctx = NULL;
	char err[512] = "";

	(void)state;
	assert_int_equal(page_context_load("/nonexistent", NULL, &ctx, err,
					   sizeof err), -1);
	assert_null(ctx);
	assert_non_null(strstr(err, "/nonexistent/admin-divisions/"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_general),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_missing_data),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
