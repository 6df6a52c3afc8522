/*
 * test_topics — topic rules from the real data/topics.txt on the seven
 * articles of the sample page (built by hand from its whole text), weak
 * words, a user's file that replaces, adds and drops topics, and the
 * messages for bad rules files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "page/page.h"
#include "page/page_private.h"

#define MAX 8

static const char *data_dir(void)
{
	const char *d = getenv("BULLETIN_DATA_DIR");

	return d && *d ? d : "data";
}

struct case_ {
	const char *kicker, *headline;
	const char *paragraphs[MAX];
	const char *captions[2];
	const char *include[MAX]; /* topics it must be in */
	const char *exclude[MAX]; /* topics it must not be in */
};

static const struct case_ sample[] = {
	{"湛江市总工会", "保障宣传宣讲工作有力有序推进",
	 {"本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,湛江市总工会召开全市工会系统学习贯彻习近平总书记重要讲话精神和宣传中国工会十八大精神宣讲推进会。湛江市总工会党组书记、常务副主席陈端参加会议。",
	  "会议传达了《全市工会系统学习贯彻习近平总书记重要讲话精神和中国工会十八大精神宣传宣讲工作实施方案》文件精神,宣读了《湛江市总工会学习贯彻中国工会十八大精神倡议书》。",
	  "会议强调,全市各级工会要提高政治站位,深入学习贯彻习近平总书记同中华全国总工会新一届领导班子成员集体谈话时的重要讲话精神和中国工会十八大精神,要把认真学习宣传贯彻习近平总书记重要讲话精神、努力完成中国工会十八大确定的目标任务当作当前和今后一个时期各级工会的重大政治任务来抓,推动学习宣传贯彻工作往实里做、往深里走。",
	  "会议要求,全市各级工会要加强组织领导,坚持上下联动、线上线下联合,组建宣讲团,开展大宣讲,积极做好市总宣讲团宣讲的配合支持、服务保障工作,提高本地区、本单位职工群众参加宣传宣讲的积极性,保障宣传宣讲工作有力有序推进,把习近平总书记重要讲话精神和中国工会十八大精神真正传达到广大职工群众心中,把习近平总书记的关心关怀传递到广大职工的心坎上,真正团结动员全市职工把智慧和力量凝聚到市委、市政府的中心工作上,为湛江跨越式、高质量发展贡献工会力量。"},
	 {NULL},
	 {"学习宣讲"},
	 {"培训", "评比表彰", "职工服务", "劳模工匠", "新业态"}},
	{"汕尾市总工会", "培训工会经审干部",
	 {"本报讯 日前,汕尾市总工会在汕尾市开放大学举办2023年全市工会经审干部业务培训班,强化工会经费审查审计监督职责,进一步加强工会经费的监督管理,提高工会经审干部的履职能力和水平。全市各县(市、区)总工会分管领导、经审主任,市直(含驻汕)基层工会经审会骨干共200多人参加培训。",
	  "培训班组织学员深入学习习近平总书记同中华全国总工会新一届领导班子成员集体谈话时的重要讲话精神和中国工会十八大精神,学习贯彻二十届中央审计委员会第一次会议精神;从审计工作形势、审计工作规范化、工会审计发现的问题等进行讲解和分析;围绕财政部2021年颁布的《工会会计制度》,从工会会计制度修订背景、制度修订的主要内容、新旧制度如何衔接三个方面进行讲解,具有很强的指导性、操作性。"},
	 {NULL},
	 {"培训", "经费审计"},
	 {"评比表彰", "劳模工匠", "职工服务", "新业态"}},
	{NULL, "韶关工会开展“劳模工匠助企行”专项行动",
	 {"本报讯(全媒体记者徐亚辉 通讯员刘秀静)12月8日,韶关市总工会和武江区总工会联合开展“劳模工匠助企行”专项行动。武江区甘棠工业园“专精特新”企业天原施莱特化工有限公司和莱雅新化工有限公司约50名职工代表参加活动。",
	  "此次活动由韶关市劳模工匠技术服务队成员陈科、李加萍2位劳模工匠为现场的职工代表们进行宣讲交流和授课。",
	  "通过科技创新理论宣讲、危化品事故应急救援、CPR 应急知识科普等技术性理论加实操的系列交流,充分发挥劳模工匠人才作用,帮助企业职工提升技能水平和应急处理能力。",
	  "据悉,今年10月底韶关市总工会部署启动“劳模工匠助企行”专项行动,向各县(市、区)的“专精特新”企业和中小微企业开展走访调研,了解收集企业所需所求。",
	  "武江区总工会围绕上级总工会要求,深入到各企业走访调研,加强与企业的沟通交流,指导企业填报技术需求和提出解决建议,积极组织基层工会职工积极参加本次“劳模工匠助企行”首站行动。",
	  "接下来,韶关工会将整合各方资源力量,组织开展劳模工匠技术服务团队入企业进行技术交流、技术帮扶、技术培训等活动,为企业提供精准技术“上门”服务。"},
	 {NULL},
	 {"劳模工匠"},
	 {"培训", "评比表彰", "经费审计", "帮扶救助", "新业态"}},
	{"清远市阳山县总工会", "举办工会干部培训班",
	 {"本报讯 近日,清远市阳山县总工会在中共阳山县委党校举办阳山县2023年工会干部培训班。来自各乡镇总工会(工委)主席、经审委员、社会化工会工作者、县直机关工会主席、经审委员、企业工会主席共160余人参加了培训。",
	  "培训班上,中国工会十八大代表房玉红传达了中国工会十八大精神,并结合亲身感受和深刻体会,讲述参会盛况,让参训学员再次倍受鼓舞、精神振奋。培训班围绕如何加强工会经费管理和监督进行讲解,解读了《广东省基层工会经费收支管理实施细则(施行)》等政策文件。"},
	 {NULL},
	 {"培训"},
	 {"评比表彰", "劳模工匠", "职工服务", "新业态"}},
	{NULL, "河源首批60个工会爱心驿站启用",
	 {"本报讯(全媒体记者彭新启 通讯员钟洋 陈琳)近年来,河源市总工会为营造温馨舒适的户外工作者临时休息环境,突出“建”“管”“用”全流程管理,整合部门、行业资源扎实推进户外劳动者服务站点建设。目前,全市共建第一批工会爱心驿站60个,让广大户外劳动者“渴了能喝水、热了能乘凉、冷了能取暖、累了能休息、伤了能急救”。",
	  "第一批工会爱心驿站结合户外劳动者实际需求,选址精准、布局合理、方便就近、功能完善,并在高德地图、百度地图载体上形成站点布局电子地图,便于户外劳动者使用。同时,爱心驿站坚持“谁建谁负责”“共建共管”的原则,明确管护责任。建设单位、所在社区共同做好驿站日常管理工作,确保站点正常通水通电,物品摆放有序,内外环境整洁,设施设备完好。",
	  "据介绍,工会爱心驿站服务阵地还不断延伸服务触角,除了配置“升级版”的驿站之外,还联合滴滴公司、河源市源城区快递行业工会联合会等行业部门为新业态劳动者开展送健康体检、夏送清凉、冬送温暖等关爱活动。"},
	 {NULL},
	 {"职工服务"},
	 {"培训", "评比表彰", "学习宣讲", "经费审计", "安全生产"}},
	{NULL, "江门鹤山市总参赛项目获省市直机关工作创新大赛二等奖",
	 {"本报讯(全媒体记者许接英 通讯员郑凤琼)11月28日至30日,第十一届广东省直机关“先锋杯”工作创新大赛决赛在广州举办,江门鹤山市总工会参赛项目《创新党工深度共建,破解县域新业态党建“四大难题”》荣获大赛二等奖。",
	  "本次大赛共有4000多个参赛作品经过初赛、复赛的层层筛选,合计共125个项目进入全省决赛。其中包括来自广州、佛山、茂名、江门的4个工会系统项目。",
	  "在决赛中,由领队储盼盼,参赛选手李镜泰、黄嘉敏、卢佩欣、郑凤琼组成的江门鹤山市总工会代表队携《创新党工深度共建,破解县域新业态党建“四大难题”》项目参赛,最终获得广东省“先锋杯”工作创新大赛党建赋能类二等奖,取得此次工会代表队参赛最好名次。",
	  "据悉,今年以来,鹤山市总工会以创新探索党工深度共建为突破口,通过党工机制融合、组织联合、资源聚合、治理整合破解新业态党建管理难、覆盖难、服务难和引领难四大难题,将新业态群体紧紧团结在党旗下,荣获全国突出组织、省先进集体、省创新案例。"},
	 {"江门鹤山市总工会代表队通过剧情演绎方式介绍项目创新成效"},
	 {"评比表彰", "党建", "新业态"},
	 {"培训", "学习宣讲", "经费审计", "职工服务"}},
	{"深圳市龙岗区宝龙社区工联会", "表彰工会先锋骨干",
	 {"本报讯 12月6日至7日,深圳市龙岗区宝龙社区工联会组织宝龙工会先锋队开展两天一夜的“宝龙先锋凝聚力,筑梦宝龙展风采”改革结项暨工会先锋表彰拓展活动。活动表彰了在综合改革项目中涌现的工会先锋骨干,授予15名工会先锋优秀积极分子称号。",
	  "据了解,2023年,宝龙社区工联会开展“打造宝龙工会先锋红,一路三圈多支点”创新项目,加强宝龙工会先锋队队伍建设。据统计,由工会先锋骨干队员带头发挥作用,开展社企联建、学习座谈、文体资源各项活动超30次,服务辖区职工超3000人。"},
	 {NULL},
	 {"评比表彰"},
	 {"培训", "学习宣讲", "经费审计", "职工服务", "文体活动"}},
};

static void build(struct article *a, const struct case_ *c)
{
	memset(a, 0, sizeof *a);
	a->kicker = c->kicker ? strdup(c->kicker) : NULL;
	a->headline = strdup(c->headline);
	for (size_t i = 0; i < MAX && c->paragraphs[i]; i++)
		assert_int_equal(text_list_add(&a->paragraphs, c->paragraphs[i],
					       (size_t)-1), 0);
	for (size_t i = 0; i < 2 && c->captions[i]; i++)
		assert_int_equal(text_list_add(&a->captions, c->captions[i],
					       (size_t)-1), 0);
}

static void clear(struct article *a)
{
	free(a->kicker);
	free(a->headline);
	text_list_free(&a->paragraphs);
	text_list_free(&a->captions);
	text_list_free(&a->topics);
}

static void check(const struct page_context *ctx, const struct case_ *c)
{
	struct article a;

	build(&a, c);
	assert_int_equal(page_topics(ctx, &a), 0);
	print_message("%s:", c->headline);
	for (size_t i = 0; i < a.topics.count; i++)
		print_message(" %s", a.topics.items[i]);
	print_message("\n");
	for (size_t i = 0; i < MAX && c->include[i]; i++)
		if (!text_list_has(&a.topics, c->include[i]))
			fail_msg("%s: missing topic %s", c->headline,
				 c->include[i]);
	for (size_t i = 0; i < MAX && c->exclude[i]; i++)
		if (text_list_has(&a.topics, c->exclude[i]))
			fail_msg("%s: unexpected topic %s", c->headline,
				 c->exclude[i]);
	clear(&a);
}

static void test_sample(void **state)
{
	struct page_context *ctx = NULL;
	char err[512];

	(void)state;
	assert_int_equal(page_context_load(data_dir(), NULL, &ctx, err,
					   sizeof err), 0);
	for (size_t i = 0; i < sizeof sample / sizeof *sample; i++)
		check(ctx, &sample[i]);
	page_context_free(ctx);
}

/* Writes a user rules file into a fresh temporary folder. */
static void write_file(char *dir, size_t dirlen, char *path, size_t pathlen,
		       const char *text)
{
	FILE *f;

	snprintf(dir, dirlen, "/tmp/test_topics.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, pathlen, "%s/topics.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void remove_file(const char *dir, const char *path)
{
	unlink(path);
	rmdir(dir);
}

/* A user's file replaces 培训 (now only 研修), adds 驿站建设, drops 党建,
 * and the bundled topics it does not name stay. */
static void test_override(void **state)
{
	static const char rules[] =
		"# my rules\n"
		"培训: 研修   # training means 研修 here\n"
		"驿站建设：驿站、服务站点\n"
		"\n"
		"党建:\n"
		"培训: 轮训\n";
	struct page_context *ctx = NULL;
	char dir[64], path[128], err[512];
	struct article a;

	(void)state;
	write_file(dir, sizeof dir, path, sizeof path, rules);
	if (page_context_load(data_dir(), path, &ctx, err, sizeof err) < 0)
		fail_msg("%s", err);
	remove_file(dir, path);

	build(&a, &sample[3]); /* 举办工会干部培训班 */
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_false(text_list_has(&a.topics, "培训"));
	clear(&a);

	build(&a, &sample[4]); /* 河源首批60个工会爱心驿站启用 */
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_true(text_list_has(&a.topics, "驿站建设"));
	assert_true(text_list_has(&a.topics, "职工服务"));
	clear(&a);

	build(&a, &sample[5]); /* 江门鹤山市总: 党建 dropped */
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_false(text_list_has(&a.topics, "党建"));
	assert_true(text_list_has(&a.topics, "评比表彰"));
	clear(&a);

	/* the second 培训 line of the same file adds to the first */
	memset(&a, 0, sizeof a);
	a.headline = strdup("职工轮训开班");
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_true(text_list_has(&a.topics, "培训"));
	clear(&a);
	page_context_free(ctx);
}

/* A weak word counts in the headline or twice in the body, not once. */
static void test_weak(void **state)
{
	static const char rules[] = "训练: ~培训 研修 CPR\n";
	struct page_context *ctx = NULL;
	char dir[64], path[128], err[512];
	struct article a;

	(void)state;
	write_file(dir, sizeof dir, path, sizeof path, rules);
	assert_int_equal(page_context_load(data_dir(), path, &ctx, err,
					   sizeof err), 0);
	remove_file(dir, path);

	memset(&a, 0, sizeof a);
	a.headline = strdup("工会开展活动");
	text_list_add(&a.paragraphs, "开展技术培训等活动。", (size_t)-1);
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_false(text_list_has(&a.topics, "训练"));
	text_list_add(&a.captions, "■学员参加培训", (size_t)-1);
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_true(text_list_has(&a.topics, "训练"));
	clear(&a);

	memset(&a, 0, sizeof a);
	a.headline = strdup("举办培训");
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_true(text_list_has(&a.topics, "训练"));
	clear(&a);

	/* folding: full-width Latin letters match a word written in ASCII */
	memset(&a, 0, sizeof a);
	a.headline = strdup("学习ｃｐｒ急救");
	assert_int_equal(page_topics(ctx, &a), 0);
	assert_true(text_list_has(&a.topics, "训练"));
	clear(&a);
	page_context_free(ctx);
}

/* Bad rules files: a message naming file:line. */
static void test_bad_rules(void **state)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		{"培训: 培训\n培训班 研修\n", ":2: expected"},
		{"# c\n\n: 培训\n", ":3: a topic needs a name"},
		{"职工 服务: 驿站\n", ":1: a topic's name cannot hold"},
		{"培训: 培训 ~ 研修\n", ":1: '~' needs a word"},
		{"培训: 培训 安全: 消防\n", ":1: one topic a line"},
		{"培训: \xff\xfe\n", "not UTF-8"},
	};
	char dir[64], path[128], err[512], want[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct page_context *ctx = NULL;

		write_file(dir, sizeof dir, path, sizeof path, cases[i].text);
		err[0] = '\0';
		assert_int_equal(page_context_load(data_dir(), path, &ctx, err,
						   sizeof err), -1);
		assert_null(ctx);
		print_message("%s\n", err);
		snprintf(want, sizeof want, "%s", path);
		assert_non_null(strstr(err, want));
		assert_non_null(strstr(err, cases[i].message));
		remove_file(dir, path);
	}
}

/* A missing override is no error; a missing bundled file is. */
static void test_missing(void **state)
{
	struct page_context *ctx = NULL;
	char dir[64], path[128], err[512];

	(void)state;
	assert_int_equal(page_context_load(data_dir(),
					   "/nonexistent/bulletin/topics.txt",
					   &ctx, err, sizeof err), 0);
	page_context_free(ctx);
	ctx = NULL;

	/* a data folder with the gazetteer but no topics.txt */
	snprintf(dir, sizeof dir, "/tmp/test_topics.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/admin-divisions", dir);
	{
		char target[4096];

		assert_non_null(realpath(data_dir(), target));
		strncat(target, "/admin-divisions",
			sizeof target - strlen(target) - 1);
		assert_int_equal(symlink(target, path), 0);
	}
	assert_int_equal(page_context_load(dir, NULL, &ctx, err, sizeof err),
			 -1);
	assert_null(ctx);
	assert_non_null(strstr(err, "topics.txt"));
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_weak),
		cmocka_unit_test(test_bad_rules),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
